import "server-only";
import { UpstreamError, type UpstreamErrorCode } from "@/lib/errors";
import { postOnce, type RawAnswer } from "../transport";
import type {
  DescribedRequest,
  ImageProvider,
  ProviderConfig,
  ProviderId,
  ProviderRequest,
  ProviderResult,
} from "../types";
import { readErrorBody, type UpstreamErrorBody } from "./error-body";
import { DEFAULT_GATEWAY } from "../gateways";
import { readRequestIds, type RequestIds } from "./request-id";
import { redactorFor } from "./redact";

/**
 * The one run skeleton of every provider; each provider supplies only its wire format and its error
 * table (a `WireFormat`).
 *
 * 1. report `submitting`, run the provider's pre-send checks (nothing read, nothing billed yet), build the
 *    request (a format that inlines images reads Blob inputs here, one at a time);
 * 2. POST under the deadline and the caller's abort, retrying once only when the connection was refused;
 * 3. a non-2xx answer (or a 2xx that is only an error envelope) → UpstreamError through the error table,
 *    with the gateway's and the vendor's request ids, the key redacted in every form;
 * 4. report `downloading`, parse the answer and collect its images.
 */

const MAX_MESSAGE = 500;

export interface BuiltRequest {
  url: string;
  headers: Record<string, string>;
  body: string | FormData;
  described: DescribedRequest;
}

export interface AnswerContext extends RequestIds {
  status: number;
  config: ProviderConfig;
  signal?: AbortSignal;
  redact: (text: string) => string;
}

export type CollectedResult = Omit<ProviderResult, "requestId" | "vendorRequestId" | "httpStatus">;

export interface WireFormat<Parsed> {
  /** How messages name this upstream: "OpenAI-img", "Gemini", "Ark". */
  label: string;
  /** Response headers carrying the vendor's own request id, in order of preference. */
  vendorHeaders: readonly string[];
  /** Async when the body inlines the images: Blob inputs are read here (multipart leaves them unread). */
  build(req: ProviderRequest, config: ProviderConfig): BuiltRequest | Promise<BuiltRequest>;
  /** The request `build` makes, without its image data and without reading any input (logs, dry runs). */
  describe(req: ProviderRequest, config: ProviderConfig): DescribedRequest;
  /**
   * Refuse here what the upstream would refuse anyway (it may bill for the attempt). Runs before `build`,
   * from sizes alone, so an input too large for the upstream is never read.
   */
  check?(req: ProviderRequest): void;
  /** The error table: what an error answer means. */
  errorCode(status: number, body: UpstreamErrorBody): UpstreamErrorCode;
  /** How the upstream's own code is quoted in the message, e.g. " [insufficient_quota]". */
  errorTag(body: UpstreamErrorBody): string;
  /** A 2xx whose body is an error envelope: the status to read it as (Google puts it in the body). */
  errorStatus?(status: number, body: UpstreamErrorBody): number;
  /** The parsed answer, or null when a 2xx body is only an error envelope. */
  parse(text: string, ctx: AnswerContext): Parsed | null;
  /** An id the answer body carries, used when no header has one (Gemini's `responseId`). */
  bodyId?(parsed: Parsed): string | null;
  collect(parsed: Parsed, ctx: AnswerContext): Promise<CollectedResult> | CollectedResult;
}

export function answerContext(
  format: Pick<WireFormat<unknown>, "vendorHeaders">,
  answer: Pick<RawAnswer, "status" | "headers">,
  config: ProviderConfig,
  extra: { signal?: AbortSignal; message?: string | null; bodyId?: string | null } = {},
): AnswerContext {
  const redact = redactorFor(config.apiKey);
  const gateway = config.gateway ?? DEFAULT_GATEWAY;
  const ids = readRequestIds(
    answer.headers,
    { gatewayHeader: gateway.requestIdHeader, vendorHeaders: format.vendorHeaders, ...extra },
    redact,
  );
  return { ...ids, status: answer.status, config, signal: extra.signal, redact };
}

/** An error answer as an UpstreamError: code from the table, message quoted and redacted, both request ids. */
export function errorFromAnswer<P>(format: WireFormat<P>, answer: RawAnswer, config: ProviderConfig): UpstreamError {
  const body = readErrorBody(answer.text);
  const ctx = answerContext(format, answer, config, { message: body.message });
  const status = format.errorStatus?.(answer.status, body) ?? answer.status;
  const detail = body.message ? body.message.slice(0, MAX_MESSAGE) : "no error message";
  const message = `${format.label} upstream answered ${answer.status}${format.errorTag(body)}: ${detail}`;
  return new UpstreamError(format.errorCode(status, body), ctx.redact(message), {
    requestId: ctx.requestId,
    vendorRequestId: ctx.vendorRequestId,
    httpStatus: answer.status,
  });
}

const isSuccess = (status: number) => status >= 200 && status <= 299;

export async function runWire<Parsed>(
  format: WireFormat<Parsed>,
  req: ProviderRequest,
  config: ProviderConfig,
): Promise<ProviderResult> {
  req.onPhase?.("submitting");
  format.check?.(req);
  const built = await format.build(req, config);
  const answer = await postOnce(req, config, built, `${format.label} ${req.operation} request`);
  if (!isSuccess(answer.status)) throw errorFromAnswer(format, answer, config);
  const early = answerContext(format, answer, config, { signal: req.signal });
  const parsed = format.parse(answer.text, early);
  if (parsed === null) throw errorFromAnswer(format, answer, config);
  const bodyId = format.bodyId?.(parsed) ?? null;
  const ctx = bodyId ? answerContext(format, answer, config, { signal: req.signal, bodyId }) : early;
  req.onPhase?.("downloading");
  const collected = await format.collect(parsed, ctx);
  return { ...collected, requestId: ctx.requestId, vendorRequestId: ctx.vendorRequestId, httpStatus: answer.status };
}

/** A provider from its wire format; `plan` and `listModels` are the provider's own. */
export function defineProvider<Parsed>(
  id: ProviderId,
  format: WireFormat<Parsed>,
  extra: Pick<ImageProvider, "plan"> & Partial<Pick<ImageProvider, "listModels" | "run">>,
): ImageProvider {
  return {
    id,
    describe: (req, config) => format.describe(req, config),
    run: extra.run ?? ((req, config) => runWire(format, req, config)),
    plan: extra.plan,
    ...(extra.listModels ? { listModels: extra.listModels } : {}),
  };
}
