import "server-only";
import type { z } from "zod";
import { UpstreamError, type UpstreamErrorCode } from "@/lib/errors";
import type { AnswerContext } from "./run";

/** An error about an answer that arrived: its request ids and HTTP status attached. */
export function answerError(
  message: string,
  ctx: Pick<AnswerContext, "requestId" | "vendorRequestId" | "status">,
  code: UpstreamErrorCode = "upstream_bad_response",
): UpstreamError {
  return new UpstreamError(code, message, {
    requestId: ctx.requestId,
    vendorRequestId: ctx.vendorRequestId,
    httpStatus: ctx.status,
  });
}

/**
 * An answer body parsed rather than trusted: JSON, then the provider's schema; either failing is a bad
 * response in the provider's words (`notJson`, and `notShape` followed by the failing paths).
 */
export function readAnswer<S extends z.ZodType>(
  text: string,
  schema: S,
  ctx: AnswerContext,
  words: { notJson: string; notShape: string },
): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw answerError(words.notJson, ctx);
  }
  const r = schema.safeParse(json);
  if (!r.success) {
    const where = r.error.issues.map((i) => i.path.join(".") || "body").join(", ");
    throw answerError(`${words.notShape} (${where})`, ctx);
  }
  return r.data;
}
