import "server-only";
import { openaiError, type SimError } from "./http";

/**
 * The new-api gateway's own answers (docs/upstreams.md §D.3, §J.3): `{"error":{"message":"… (request id: <gateway
 * id>)","type":"new_api_error","code":…}}`. The gateway speaks this on every route it fronts — on the
 * Gemini-native route too, since it is the gateway refusing, not Google. `param` stays (null) as on the
 * OpenAI route, so one parser reads both.
 */
export function newApiError(status: number, message: string, code: string): SimError {
  return openaiError(status, message, { type: "new_api_error", code });
}

/** new-api's "no channel for this model in your group" (§D.3): its answer to any model it cannot route. */
export function noChannelMessage(model: string): string {
  return `当前分组 default 下对于模型 ${model} 无可用渠道`;
}

/** 503 model_not_found: an unlisted id, one past its shutdown date, or the `model_not_found` fault. */
export function modelNotFoundError(model: string): SimError {
  return newApiError(503, noChannelMessage(model), "model_not_found");
}

/** The gateway-side fault kinds, each in the words new-api uses for it. */
export type GatewayFaultKind =
  | "insufficient_user_quota"
  | "pre_consume_token_quota_failed"
  | "sensitive_words_detected"
  | "prompt_blocked"
  | "model_not_found";

export const GATEWAY_FAULT_KINDS = [
  "insufficient_user_quota",
  "pre_consume_token_quota_failed",
  "sensitive_words_detected",
  "prompt_blocked",
  "model_not_found",
] as const satisfies readonly GatewayFaultKind[];

export function gatewayFaultError(kind: GatewayFaultKind, model: string): SimError {
  switch (kind) {
    case "insufficient_user_quota":
      return newApiError(403, "用户额度不足, 剩余额度: ＄0.000000", kind);
    case "pre_consume_token_quota_failed":
      return newApiError(403, "预扣费额度失败, 用户剩余额度: ＄0.012000, 需要预扣费额度: ＄0.040000", kind);
    // new-api answers its word filter with a plain 500; it is still a moderation block (§J.3).
    case "sensitive_words_detected":
      return newApiError(500, "敏感词检测失败: 检测到敏感词 [simulated]", kind);
    case "prompt_blocked":
      return newApiError(400, "prompt blocked by the gateway's content filter", kind);
    case "model_not_found":
      return modelNotFoundError(model);
  }
}
