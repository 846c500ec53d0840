import "server-only";
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { z } from "zod";
import { UpstreamError } from "@/lib/errors";
import { decodeBase64, sniffImageMime } from "../image-bytes";
import { answerContext, errorFromAnswer, type AnswerContext } from "../kit/run";
import { answerError } from "../kit/answer";
import { readErrorBody } from "../kit/error-body";
import { postInit, retryIfNoWorkDone, withDeadline } from "../transport";
import type { ProviderConfig, ProviderRequest, ProviderResult } from "../types";
import { buildRequest } from "./build-request";
import { openAiWire } from "./wire";
import { errorCode } from "./upstream-errors";

/**
 * Image SSE (docs/upstreams.md §C.2): `image_generation.partial_image` / `image_edit.partial_image` events
 * are previews handed to `onPreview` as they arrive; the `…completed` event carries the final image and
 * `usage`. An `error` object in any event ends the run like an error answer; a stream that closes with
 * no completed event is a bad response. The deadline covers the whole stream.
 */

const eventSchema = z.looseObject({
  type: z.string().optional(),
  b64_json: z.string().nullish(),
  partial_image_index: z.number().int().nullish(),
  size: z.string().nullish(),
  quality: z.string().nullish(),
  background: z.string().nullish(),
  output_format: z.string().nullish(),
  usage: z.record(z.string(), z.unknown()).nullish(),
  error: z.unknown().optional(),
});
type StreamEvent = z.output<typeof eventSchema>;

const RESOLVED = ["size", "quality", "background", "output_format"] as const;

function streamError(data: string, ctx: AnswerContext): UpstreamError {
  const body = readErrorBody(data);
  const message = `OpenAI-img stream failed${body.code ? ` [${body.code}]` : ""}: ${body.message ?? "no error message"}`;
  return new UpstreamError(errorCode(400, body), ctx.redact(message.slice(0, 600)), {
    requestId: ctx.requestId,
    vendorRequestId: ctx.vendorRequestId,
    httpStatus: ctx.status,
  });
}

function onMessage(msg: EventSourceMessage, req: ProviderRequest, ctx: AnswerContext): StreamEvent | null {
  if (msg.data === "[DONE]") return null;
  let json: unknown;
  try {
    json = JSON.parse(msg.data);
  } catch {
    throw answerError("a stream event is not JSON", ctx);
  }
  const parsed = eventSchema.safeParse(json);
  if (!parsed.success) throw answerError("a stream event has an unexpected shape", ctx);
  const ev = parsed.data;
  if (ev.error !== undefined || msg.event === "error") throw streamError(msg.data, ctx);
  const type = ev.type ?? msg.event ?? "";
  if (type.endsWith(".partial_image") && ev.b64_json) {
    const bytes = decodeBase64(ev.b64_json);
    const mimeType = bytes && sniffImageMime(bytes);
    // A broken preview is not worth failing a paid image over.
    if (bytes && mimeType) req.onPreview?.({ index: ev.partial_image_index ?? 0, bytes, mimeType });
    return null;
  }
  return type.endsWith(".completed") ? ev : null;
}

async function readEvents(body: ReadableStream<Uint8Array>, req: ProviderRequest, ctx: AnswerContext) {
  const seen: { completed: StreamEvent | null; failure: unknown } = { completed: null, failure: null };
  const parser = createParser({
    onEvent(msg) {
      if (seen.failure) return;
      try {
        seen.completed = onMessage(msg, req, ctx) ?? seen.completed;
      } catch (e) {
        seen.failure = e;
      }
    },
  });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(decoder.decode(value, { stream: true }));
    if (seen.failure) {
      await reader.cancel().catch(() => undefined);
      throw seen.failure;
    }
  }
  return seen.completed;
}

export async function runStreamed(req: ProviderRequest, config: ProviderConfig): Promise<ProviderResult> {
  req.onPhase?.("submitting");
  const built = buildRequest(req, config);
  const fetchImpl = config.fetch ?? fetch;
  const label = `OpenAI-img ${req.operation} request`;
  return retryIfNoWorkDone(req.signal, () =>
    withDeadline(config.timeoutMs, req.signal, label, async (signal) => {
      const pending = fetchImpl(built.url, postInit(built, signal));
      req.onPhase?.("generating");
      const res = await pending;
      const isSse = (res.headers.get("content-type") ?? "").includes("text/event-stream");
      if (!res.ok || !isSse || !res.body) {
        const answer = { status: res.status, headers: res.headers, text: await res.text() };
        // A gateway that ignored `stream` and answered plain JSON is still an answer.
        if (res.ok) return runPlain(answer, req, config);
        throw errorFromAnswer(openAiWire, answer, config);
      }
      const ctx = answerContext(openAiWire, res, config, { signal });
      const completed = await readEvents(res.body, req, ctx);
      if (!completed?.b64_json) throw answerError("the stream ended without a completed image", ctx);
      req.onPhase?.("downloading");
      const json = JSON.stringify({ data: [{ b64_json: completed.b64_json }], usage: completed.usage ?? null });
      const collected = await openAiWire.collect(openAiWire.parse(json, ctx)!, ctx);
      const resolved: Record<string, string> = {};
      for (const f of RESOLVED)
        if (typeof completed[f] === "string" && completed[f] !== "auto") resolved[f] = completed[f];
      return {
        ...collected,
        resolved,
        requestId: ctx.requestId,
        vendorRequestId: ctx.vendorRequestId,
        httpStatus: res.status,
      };
    }),
  );
}

async function runPlain(
  answer: { status: number; headers: Headers; text: string },
  req: ProviderRequest,
  config: ProviderConfig,
): Promise<ProviderResult> {
  const ctx = answerContext(openAiWire, answer, config, { signal: req.signal });
  const parsed = openAiWire.parse(answer.text, ctx);
  if (parsed === null) throw errorFromAnswer(openAiWire, answer, config);
  req.onPhase?.("downloading");
  const collected = await openAiWire.collect(parsed, ctx);
  return { ...collected, requestId: ctx.requestId, vendorRequestId: ctx.vendorRequestId, httpStatus: answer.status };
}
