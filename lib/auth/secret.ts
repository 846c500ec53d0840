import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

const FILE = "auth-secret";

/**
 * The secret that signs session cookies: `BETTER_AUTH_SECRET`, or one generated on first run and kept in
 * the data dir (0600), so `npm start` needs no setup and restarts keep everyone signed in. Several
 * instances sharing a data dir share it; on separate machines set the variable.
 */
export function authSecret(): string {
  const e = env();
  if (e.BETTER_AUTH_SECRET) return e.BETTER_AUTH_SECRET;
  const file = path.join(e.dataDir, FILE);
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(e.dataDir, { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    try {
      // `wx`: if another process won the race, read its secret instead of replacing it.
      fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}
