import "server-only";
import type { UpstreamErrorCode } from "@/lib/errors";
import type { UpstreamErrorBody } from "./error-body";

/**
 * The new-api gateway dialect (DMXAPI and similar, docs/upstreams.md §J.3), shared by the providers that
 * reach a vendor through such a gateway. Its codes mean the same at any HTTP status, so they are
 * read before a provider's own table: quota at 403 is quota, not auth; a moderation block at 500 is
 * still a block. The codes are distinct strings, so a vendor reached directly never trips them.
 */
const BY_CODE: Record<string, UpstreamErrorCode> = {
  insufficient_user_quota: "upstream_quota",
  pre_consume_token_quota_failed: "upstream_quota",
  insufficient_quota: "upstream_quota",
  sensitive_words_detected: "upstream_moderation_blocked",
  prompt_blocked: "upstream_moderation_blocked",
  model_not_found: "upstream_model_unavailable",
};

/** "当前分组 X 下对于模型 Y 无可用渠道": no channel for the model in the key's group (§D.3). */
const NO_CHANNEL_RE = /无可用渠道|no available channel/i;

export function gatewayCode(status: number, body: UpstreamErrorBody): UpstreamErrorCode | null {
  const byCode = body.code ? BY_CODE[body.code] : undefined;
  if (byCode) return byCode;
  if (status === 503 && body.message && NO_CHANNEL_RE.test(body.message)) return "upstream_model_unavailable";
  return null;
}
