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
import { modelNotFoundError } from "./gateway-errors";
import { handleGemini } from "./gemini";
import {
  arkError,
  ClientAborted,
  emptyResponse,
  errorResponse,
  googleError,
  idHeaders,
  newRequestIds,
  notFoundError,
  openaiError,
  SimError,
  type Protocol,
  type RequestIds,
} from "./http";
import { geminiModelList, openaiModelList } from "./model-lists";
import { ModelListing } from "./model-listing";
import { handleEdits } from "./openai-edits";
import { handleGenerations } from "./openai-generations";
import { recordRequest } from "./record";
import { faultRouteOf, matchRoute, unparsableError, type Route } from "./routes";
import type {
  FaultRule,
  ListedModelView,
  ModelListingSetting,
  RecordedRequest,
  Simulator,
  SimulatorOptions,
} from "./types";

const REQUEST_LOG = 200;

class SimulatorImpl implements Simulator {
  readonly faults = new FaultStore();
  readonly listing: ModelListing;
  private readonly fileStore = new FileStore();
  private log: RecordedRequest[] = [];
  private flight = { now: 0, peak: 0 };
  latencyMs: number;

  constructor(private readonly opts: SimulatorOptions = {}) {
    this.latencyMs = opts.latencyMs ?? 0;
    this.listing = new ModelListing(opts.models ?? "today", opts.now ?? (() => new Date()));
  }

  get models(): ListedModelView[] {
    return this.listing.view().models;
  }

  setModels(models: ModelListingSetting): void {
    this.listing.set(models);
  }

  get requests(): RecordedRequest[] {
    return this.log.slice();
  }

  get inFlight(): { now: number; peak: number } {
    return { ...this.flight };
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
    this.listing.reset();
    this.log = [];
    this.flight.peak = this.flight.now;
    this.fileStore.clear();
  }

  async handle(req: Request, mountPath = ""): Promise<Response> {
    const ids = newRequestIds();
    const url = new URL(req.url);
    const mount = mountPath.replace(/\/+$/, "");
    const inMount = mount === "" || url.pathname === mount || url.pathname.startsWith(`${mount}/`);
    const path = inMount ? url.pathname.slice(mount.length) || "/" : url.pathname;
    if (inMount && (path === "/_control" || path.startsWith("/_control/"))) return handleControl(this, ids, req, path);
    const route: Route = inMount ? matchRoute(req.method, path) : { kind: "none", protocol: "openai" };
    const cred = credentialsOf(req, url, route.protocol);
    let body: ParsedBody = { kind: "empty" };
    let res: Response;
    const counted = req.method === "POST";
    if (counted) this.flight.peak = Math.max(this.flight.peak, ++this.flight.now);
    try {
      body = await parseBody(req);
      res = await this.dispatch({ ids, req, path, base: url.origin + mount, route, body, cred });
    } catch (e) {
      res = this.failure(e, ids, route.protocol, req.signal);
    } finally {
      if (counted) this.flight.now--;
    }
    this.remember({ ...recordRequest(ids, req, url, path, body, cred.scheme), status: res.status });
    return res;
  }

  private remember(rec: RecordedRequest): void {
    this.log.push(rec);
    if (this.log.length > REQUEST_LOG) this.log.splice(0, this.log.length - REQUEST_LOG);
  }

  private failure(e: unknown, ids: RequestIds, protocol: Protocol, signal: AbortSignal): Response {
    if (e instanceof ClientAborted || signal.aborted) return emptyResponse(ids, 499);
    if (e instanceof SimError) return errorResponse(ids, e);
    // A bug in the simulator itself: say so plainly in the route's envelope.
    const message = `simulator internal error: ${e instanceof Error ? e.message : String(e)}`;
    const err =
      protocol === "gemini"
        ? googleError(500, message)
        : protocol === "ark"
          ? arkError(500, "InternalServiceError", message)
          : openaiError(500, message, { type: "server_error", code: "server_error" });
    return errorResponse(ids, err);
  }

  private async dispatch(a: {
    ids: RequestIds;
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
    if (route.kind !== "files") {
      const denied = authError(a.cred, route.protocol, this.opts.apiKey);
      if (denied) throw denied;
    }
    // The gateway routes on the model before anything else: an id it does not list (or no longer serves) has
    // no channel (§J.3). Ark is reached directly, so its ids are not the listing's business.
    const routed = route.kind === "generations" || route.kind === "edits" || route.kind === "gemini";
    if (routed && model && this.listing.refusal(model)) throw modelNotFoundError(model);
    const { delayMs, terminal } = this.faults.takeEntry({ path, model, route: faultRouteOf(route) });
    await sleep(delayMs, signal);
    if (terminal?.kind === "hang") await waitForAbort(signal);
    if (terminal) throw terminalFaultError(terminal.kind, route.protocol, model ?? "unknown");
    if (route.kind === "files") return this.serveFile(a.ids, route.name);
    if (route.kind === "models")
      return route.protocol === "gemini" ? geminiModelList(a.ids, this.listing) : openaiModelList(a.ids, this.listing);
    if (a.body.kind === "unparsable") throw unparsableError(route.protocol, a.body);
    const latency = (units: number) => this.latencyMs * Math.min(2, 1 + 0.15 * (units - 1));
    const ctx: RouteContext = {
      ids: a.ids,
      req,
      path,
      base: a.base,
      signal,
      files: this.fileStore,
      body: a.body,
      latency,
      process: (units) => sleep(latency(units), signal),
      outputFault: (kinds, m) => this.faults.takeOutput({ path, model: m, route: faultRouteOf(route) }, kinds),
    };
    if (route.kind === "generations") return handleGenerations(ctx);
    if (route.kind === "edits") return handleEdits(ctx);
    if (route.kind === "gemini") return handleGemini(ctx, route.model, route.method);
    return handleArk(ctx);
  }

  private serveFile(ids: RequestIds, name: string): Response {
    const file = this.fileStore.get(name);
    if (!file) throw openaiError(404, `File '${name}' not found (expired or evicted).`, { code: "not_found" });
    return new Response(new Uint8Array(file.bytes), {
      status: 200,
      headers: idHeaders(ids, {
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
