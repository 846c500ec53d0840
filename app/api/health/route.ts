// GET /api/health – liveness for load balancers and scripts (public): 200 when the database and storage answer
import { connectDb, dbDialect } from "@/lib/db/client";
import { json, methodNotAllowed, publicRoute } from "@/lib/http";
import { storage as store } from "@/lib/storage";

async function probe(check: () => unknown): Promise<"ok" | "down"> {
  try {
    await check();
    return "ok";
  } catch {
    return "down";
  }
}

export const GET = publicRoute(async () => {
  const dbState = await probe(() => connectDb());
  const storage = await probe(() => store().check());
  const ok = dbState === "ok" && storage === "ok";
  // The shared queue lives in the database (PostgreSQL): it is up when the database is; SQLite's is this process.
  const queue = dbState === "down" ? "down" : dbDialect() === "postgres" ? "postgres" : "in-process";
  return json({ ok, db: dbState, storage, queue }, ok ? 200 : 503);
});

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
