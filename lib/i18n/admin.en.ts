/** English strings of the admin pages: users, tokens, sessions, audit (merged into the catalog in en.ts). */
export const adminEn = {
  "admin.placeholder": "",
} as const;
