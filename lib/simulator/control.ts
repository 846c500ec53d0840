import "server-only";
import { z } from "zod";
import type { ActiveFault, FaultStore } from "./faults";
import { faultRuleSchema } from "./faults";
import { emptyResponse, errorResponse, jsonResponse, openaiError, type RequestIds } from "./http";
import { controlModelsSchema, type ModelListing } from "./model-listing";
import type { RecordedRequest } from "./types";

/** What the control endpoints reach into. */
export interface ControlTarget {
  readonly faults: FaultStore;
  readonly listing: ModelListing;
  readonly latencyMs: number;
  readonly requests: RecordedRequest[];
  readonly inFlight: { now: number; peak: number };
  setLatency(ms: number): void;
  reset(): void;
}

const latencySchema = z.object({ ms: z.number().int().min(0).max(600_000) }).strict();

async function readJson(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    return undefined;
  }
}

function badControl(ids: RequestIds, message: string): Response {
  return errorResponse(ids, openaiError(400, message, { code: "invalid_control_request" }));
}

/**
 * `/_control…` – lets e2e tests and a running studio steer the simulator over HTTP. The simulator itself has no
 * accounts; the studio's `/sim` mount lets only admins reach these (app/sim/[...path]/route.ts), and mounts it
 * only when the studio has no real key.
 *   GET    /_control           faults, latency, the model listing, the last 50 requests, POSTs in flight
 *                               now and at most since the last reset (`inFlight: { now, peak }`)
 *   POST   /_control/faults    a fault rule (faults.ts);      DELETE /_control/faults clears them
 *   POST   /_control/latency   `{ ms }`
 *   POST   /_control/models    `{ preset: "today" | "all" }` or `{ models: [{ id, shutdownDate? }] }`
 *   POST   /_control/reset     faults, latency and listing back to the constructor's, requests and files gone
 */
export async function handleControl(t: ControlTarget, ids: RequestIds, req: Request, path: string): Promise<Response> {
  const route = `${req.method} ${path}`;
  if (route === "GET /_control") {
    const faults: ActiveFault[] = t.faults.list();
    const models = t.listing.view();
    return jsonResponse(ids, 200, {
      faults,
      latencyMs: t.latencyMs,
      models,
      requests: t.requests.slice(-50),
      inFlight: t.inFlight,
    });
  }
  if (route === "POST /_control/models") {
    const parsed = controlModelsSchema.safeParse(await readJson(req));
    if (!parsed.success) return badControl(ids, `Invalid model listing: ${z.prettifyError(parsed.error)}`);
    t.listing.set("preset" in parsed.data ? parsed.data.preset : parsed.data.models);
    return emptyResponse(ids);
  }
  if (route === "POST /_control/faults") {
    const parsed = faultRuleSchema.safeParse(await readJson(req));
    if (!parsed.success) return badControl(ids, `Invalid fault rule: ${z.prettifyError(parsed.error)}`);
    t.faults.add(parsed.data);
    return emptyResponse(ids);
  }
  if (route === "DELETE /_control/faults") {
    t.faults.clear();
    return emptyResponse(ids);
  }
  if (route === "POST /_control/latency") {
    const parsed = latencySchema.safeParse(await readJson(req));
    if (!parsed.success) return badControl(ids, `Invalid latency: ${z.prettifyError(parsed.error)}`);
    t.setLatency(parsed.data.ms);
    return emptyResponse(ids);
  }
  if (route === "POST /_control/reset") {
    t.reset();
    return emptyResponse(ids);
  }
  return errorResponse(ids, openaiError(404, `Invalid URL (${route})`, { code: "not_found" }));
}
