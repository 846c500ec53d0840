import "server-only";
import { z } from "zod";
import type { ActiveFault, FaultStore } from "./faults";
import { faultRuleSchema } from "./faults";
import { emptyResponse, errorResponse, jsonResponse, openaiError } from "./http";
import type { RecordedRequest } from "./types";

/** What the control endpoints reach into. */
export interface ControlTarget {
  readonly faults: FaultStore;
  readonly latencyMs: number;
  readonly requests: RecordedRequest[];
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

function badControl(id: string, message: string): Response {
  return errorResponse(id, openaiError(400, message, { code: "invalid_control_request" }));
}

/**
 * `/_control…` – lets e2e tests and a running studio inject faults over HTTP. No auth: the simulator is
 * only mounted when the studio has no real key.
 */
export async function handleControl(t: ControlTarget, id: string, req: Request, path: string): Promise<Response> {
  const route = `${req.method} ${path}`;
  if (route === "GET /_control") {
    const faults: ActiveFault[] = t.faults.list();
    return jsonResponse(id, 200, { faults, latencyMs: t.latencyMs, requests: t.requests.slice(-50) });
  }
  if (route === "POST /_control/faults") {
    const parsed = faultRuleSchema.safeParse(await readJson(req));
    if (!parsed.success) return badControl(id, `Invalid fault rule: ${z.prettifyError(parsed.error)}`);
    t.faults.add(parsed.data);
    return emptyResponse(id);
  }
  if (route === "DELETE /_control/faults") {
    t.faults.clear();
    return emptyResponse(id);
  }
  if (route === "POST /_control/latency") {
    const parsed = latencySchema.safeParse(await readJson(req));
    if (!parsed.success) return badControl(id, `Invalid latency: ${z.prettifyError(parsed.error)}`);
    t.setLatency(parsed.data.ms);
    return emptyResponse(id);
  }
  if (route === "POST /_control/reset") {
    t.reset();
    return emptyResponse(id);
  }
  return errorResponse(id, openaiError(404, `Invalid URL (${route})`, { code: "not_found" }));
}
