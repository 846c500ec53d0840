import { AppError, UpstreamError, type Issue } from "@/lib/errors";

/**
 * An error the studio answered over HTTP (`{ error: { code, message, details } }`) or stored on a failed
 * generation (`{ code, message, requestId, httpStatus }`): the remote mode's counterpart of AppError and
 * UpstreamError, printed the same way.
 */
export class StudioError extends Error {
  readonly code: string;
  readonly requestId: string | null;
  readonly httpStatus: number | null;
  readonly issues: Issue[];

  constructor(
    code: string,
    message: string,
    opts: { requestId?: string | null; httpStatus?: number | null; issues?: Issue[] } = {},
  ) {
    super(message);
    this.name = "StudioError";
    this.code = code;
    this.requestId = opts.requestId ?? null;
    this.httpStatus = opts.httpStatus ?? null;
    this.issues = opts.issues ?? [];
  }
}

const requestIdPart = (message: string, requestId: string | null) =>
  requestId && !message.includes(requestId) ? ` (request id ${requestId})` : "";

const issueLines = (issues: unknown) =>
  Array.isArray(issues) && issues.length
    ? `\n${(issues as Issue[]).map((i) => `  ${i.path}: ${i.message}`).join("\n")}`
    : "";

/**
 * How the CLI prints a failure, in both modes: `error <code>: message (request id …) [HTTP n]` for an
 * upstream failure, `error <code>: message` plus the issues for a refused request, `error: message` else.
 */
export function formatCliError(err: unknown): string {
  if (err instanceof UpstreamError || (err instanceof StudioError && err.httpStatus !== null))
    return `error ${err.code}: ${err.message}${requestIdPart(err.message, err.requestId)}${err.httpStatus ? ` [HTTP ${err.httpStatus}]` : ""}`;
  if (err instanceof StudioError)
    return `error ${err.code}: ${err.message}${requestIdPart(err.message, err.requestId)}${issueLines(err.issues)}`;
  if (err instanceof AppError) return `error ${err.code}: ${err.message}${issueLines(err.details.issues)}`;
  return `error: ${err instanceof Error ? err.message : String(err)}`;
}
