// GET /api/health – liveness for load balancers and scripts (public): 200 when the database and storage answer
import fs from "node:fs/promises";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { json, methodNotAllowed, publicRoute } from "@/lib/http";

async function probe(check: () => unknown): Promise<"ok" | "down"> {
  try {
    await check();
    return "ok";
  } catch {
    return "down";
  }
}

export const GET = publicRoute(async () => {
  const dbState = await probe(() => db().run(sql`select 1`));
  const storage = await probe(() => fs.access(env().dataDir, fs.constants.W_OK));
  const ok = dbState === "ok" && storage === "ok";
  return json({ ok, db: dbState, storage, queue: "in-process" }, ok ? 200 : 503);
});

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
