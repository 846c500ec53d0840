// ANY /sim/* – the built-in upstream simulator; mounted only while DMXAPI_API_KEY is unset
import { recordAudit } from "@/lib/auth/audit";
import { checkSameOrigin, misaddressed } from "@/lib/auth/hosts";
import { authenticate, requirePermission } from "@/lib/auth/principal";
import { env } from "@/lib/env";
import { errorResponse, json } from "@/lib/http";
import { SIMULATOR_KEY } from "@/lib/providers/config";
import { getSimulator } from "@/lib/simulator";

export const dynamic = "force-dynamic";

/**
 * Its upstream routes take the simulator key, as a gateway takes its key; its control routes (faults,
 * model listings) change what every user's jobs see, so they are an admin's (docs/api.md roles table).
 */
async function guardControl(req: Request): Promise<void> {
  const actor = await authenticate(req);
  if (actor.via === "session") checkSameOrigin(req);
  requirePermission(actor, "administer");
  if (req.method !== "GET") {
    await recordAudit(actor, {
      action: "simulator.control",
      targetType: "simulator",
      targetIds: [new URL(req.url).pathname],
    });
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

async function handle(req: Request): Promise<Response> {
  // proxy.ts skips /sim (edits are larger than what it may buffer): the Host check is here.
  const refused = misaddressed(req);
  if (refused) return refused;
  const e = env();
  // With a real key configured the simulator does not exist from the outside.
  if (!e.simulated) return json({ error: { code: "not_found", message: "Not found", details: {} } }, 404);
  // Decoded and matched loosely: any spelling that could reach a control route is guarded.
  if (safeDecode(new URL(req.url).pathname).includes("_control")) {
    try {
      await guardControl(req);
    } catch (err) {
      return errorResponse(err);
    }
  }
  return getSimulator({ apiKey: SIMULATOR_KEY, latencyMs: e.SIMULATOR_LATENCY_MS }).handle(req, "/sim");
}

export { handle as GET, handle as POST, handle as DELETE };
