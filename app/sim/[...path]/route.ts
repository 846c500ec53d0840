// ANY /sim/* – the built-in upstream simulator; mounted only while DMXAPI_API_KEY is unset
import { env } from "@/lib/env";
import { json } from "@/lib/http";
import { SIMULATOR_KEY } from "@/lib/providers/config";
import { getSimulator } from "@/lib/simulator";

export const dynamic = "force-dynamic";

async function handle(req: Request): Promise<Response> {
  const e = env();
  // With a real key configured the simulator does not exist from the outside.
  if (!e.simulated) return json({ error: { code: "not_found", message: "Not found", details: {} } }, 404);
  return getSimulator({ apiKey: SIMULATOR_KEY, latencyMs: e.SIMULATOR_LATENCY_MS }).handle(req, "/sim");
}

export { handle as GET, handle as POST, handle as DELETE };
