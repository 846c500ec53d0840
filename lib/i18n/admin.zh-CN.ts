import type { adminEn } from "./admin.en";

/** 管理页面文案：用户、令牌、会话、审计（在 zh-CN.ts 中并入目录）。 */
export const adminZh: Record<keyof typeof adminEn, string> = {
  "admin.placeholder": "",
};
