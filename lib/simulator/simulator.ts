import "server-only";
import { sleep, waitForAbort } from "./abort";
import { handleArk } from "./ark";
import { authError, credentialsOf } from "./auth";
import { modelOf, parseBody } from "./body";
import type { ParsedBody, RouteContext } from "./context";
import { handleControl } from "./control";
import { terminalFaultError } from "./fault-errors";
import { FaultStore } from "./faults";
import { FileStore } from "./file-store";
import { handleGemini } from "./gemini";
import {
  arkError,
  ClientAborted,
  emptyResponse,
  errorResponse,
  googleError,
  idHeaders,
  newRequestId,
  notFoundError,
  openaiError,
  SimError,
  type Protocol,
} from "./http";
import { handleEdits } from "./openai-edits";
import { handleGenerations } from "./openai-generations";
import { recordRequest } from "./record";
import type { FaultRule, RecordedRequest, Simulator, SimulatorOptions } from "./types";

type Route =
  | { kind: "generations" | "edits" | "ark" | "none"; protocol: Protocol }
  | { kind: "gemini"; protocol: "gemini"; model: string; method: string }
  | { kind: "files"; protocol: "openai"; name: string };

function matchRoute(method: string, path: string): Route {
  const gemini = /^\/v1beta\/models\/([^/:]+):([A-Za-z]+)$/.exec(path);
  const post = method === "POST";
  if (post && path === "/v1/images/generations") return { kind: "generations", protocol: "openai" };
  if (post && path === "/v1/images/edits") return { kind: "edits", protocol: "openai" };
  if (post && path === "/api/v3/images/generations") return { kind: "ark", protocol: "ark" };
  if (post && gemini)
    return { kind: "gemini", protocol: "gemini", model: decodeURIComponent(gemini[1]), method: gemini[2] };
  if (method === "GET" && path.startsWith("/files/")) return { kind: "files", protocol: "openai", name: path.slice(7) };
  const protocol = path.startsWith("/v1beta/") ? "gemini" : path.startsWith("/api/v3/") ? "ark" : "openai";
  return { kind: "none", protocol };
}

/** A body that did not parse, refused in the route's own words. */
function unparsableError(protocol: Protocol, body: ParsedBody): SimError {
  const reason = body.kind === "unparsable" ? body.reason : "";
  if (protocol === "gemini") return googleError(400, `Invalid JSON payload received. ${reason}`);
  if (protocol === "ark") return arkError(400, "InvalidParameter", `The request body could not be parsed: ${reason}.`);
  return openaiError(
    400,
    `We could not parse the body of your request (${reason}). The API expects a JSON payload, or multipart/form-data for edits.`,
  );
}

const REQUEST_LOG = 200;

class SimulatorImpl implements Simulator {
  readonly faults = new FaultStore();
  private readonly fileStore = new FileStore();
  private log: RecordedRequest[] = [];
  latencyMs: number;

  constructor(private readonly opts: SimulatorOptions = {}) {
    this.latencyMs = opts.latencyMs ?? 0;
  }

  get requests(): RecordedRequest[] {
    return this.log.slice();
  }

  addFault(rule: FaultRule): void {
    this.faults.add(rule);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  setLatency(ms: number): void {
    this.latencyMs = Math.max(0, ms);
  }

  reset(): void {
    this.faults.clear();
    this.latencyMs = this.opts.latencyMs ?? 0;
    this.log = [];
    this.fileStore.clear();
  }

  async handle(req: Request, mountPath = ""): Promise<Response> {
    const id = newRequestId();
    const url = new URL(req.url);
    const mount = mountPath.replace(/\/+$/, "");
    const inMount = mount === "" || url.pathname === mount || url.pathname.startsWith(`${mount}/`);
    const path = inMount ? url.pathname.slice(mount.length) || "/" : url.pathname;
    if (inMount && (path === "/_control" || path.startsWith("/_control/"))) return handleControl(this, id, req, path);
    const route: Route = inMount ? matchRoute(req.method, path) : { kind: "none", protocol: "openai" };
    const cred = credentialsOf(req, url, route.protocol);
    let body: ParsedBody = { kind: "empty" };
    let res: Response;
    try {
      body = await parseBody(req);
      res = await this.dispatch({ id, req, path, base: url.origin + mount, route, body, cred });
    } catch (e) {
      res = this.failure(e, id, route.protocol, req.signal);
    }
    this.remember({ ...recordRequest(id, req, url, path, body, cred.scheme), status: res.status });
    return res;
  }

  private remember(rec: RecordedRequest): void {
    this.log.push(rec);
    if (this.log.length > REQUEST_LOG) this.log.splice(0, this.log.length - REQUEST_LOG);
  }

  private failure(e: unknown, id: string, protocol: Protocol, signal: AbortSignal): Response {
    if (e instanceof ClientAborted || signal.aborted) return emptyResponse(id, 499);
    if (e instanceof SimError) return errorResponse(id, e);
    // A bug in the simulator itself: say so plainly in the route's envelope.
    const message = `simulator internal error: ${e instanceof Error ? e.message : String(e)}`;
    const err =
      protocol === "gemini"
        ? googleError(500, message)
        : protocol === "ark"
          ? arkError(500, "InternalServiceError", message)
          : openaiError(500, message, { type: "server_error", code: "server_error" });
    return errorResponse(id, err);
  }

  private async dispatch(a: {
    id: string;
    req: Request;
    path: string;
    base: string;
    route: Route;
    body: ParsedBody;
    cred: ReturnType<typeof credentialsOf>;
  }): Promise<Response> {
    const { route, req, path } = a;
    const signal = req.signal;
    if (route.kind === "none") throw notFoundError(route.protocol, req.method, path);
    const model = route.kind === "gemini" ? route.model : modelOf(a.body);
    const facts = { path, model, explicitPathOnly: route.kind === "files" };
    if (route.kind !== "files") {
      const denied = authError(a.cred, route.protocol, this.opts.apiKey);
      if (denied) throw denied;
    }
    const { delayMs, terminal } = this.faults.takeEntry(facts);
    await sleep(delayMs, signal);
    if (terminal?.kind === "hang") await waitForAbort(signal);
    if (terminal) throw terminalFaultError(terminal.kind, route.protocol, model ?? "unknown");
    if (route.kind === "files") return this.serveFile(a.id, route.name);
    if (a.body.kind === "unparsable") throw unparsableError(route.protocol, a.body);
    const ctx: RouteContext = {
      id: a.id,
      req,
      path,
      base: a.base,
      signal,
      files: this.fileStore,
      body: a.body,
      process: (units) => sleep(this.latencyMs * Math.min(2, 1 + 0.15 * (units - 1)), signal),
      outputFault: (kinds, m) => this.faults.takeOutput({ path, model: m }, kinds),
    };
    if (route.kind === "generations") return handleGenerations(ctx);
    if (route.kind === "edits") return handleEdits(ctx);
    if (route.kind === "gemini") return handleGemini(ctx, route.model, route.method);
    return handleArk(ctx);
  }

  private serveFile(id: string, name: string): Response {
    const file = this.fileStore.get(name);
    if (!file) throw openaiError(404, `File '${name}' not found (expired or evicted).`, { code: "not_found" });
    return new Response(new Uint8Array(file.bytes), {
      status: 200,
      headers: idHeaders(id, {
        "content-type": file.type,
        "content-length": String(file.bytes.byteLength),
        "cache-control": "private, max-age=3600",
      }),
    });
  }
}

export function createSimulator(opts?: SimulatorOptions): Simulator {
  return new SimulatorImpl(opts);
}
