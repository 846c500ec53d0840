import "server-only";
import { env } from "@/lib/env";

/** The header the studio's auth route sets for the auth library (a client-sent one is always replaced). */
export const CLIENT_IP_HEADER = "x-atelier-client-ip";

/**
 * The client's address, for the sign-in throttle and the sessions list. Behind a trusted proxy
 * (STUDIO_TRUST_PROXY) it is the last X-Forwarded-For hop, the one the proxy appended. Otherwise it is the
 * first, which Next.js fills from the socket when the client sent none; a client that sends its own can
 * choose it, which is why the throttle also keys on the email.
 */
export function clientAddress(req: Request): string {
  const hops = (req.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  const hop = env().STUDIO_TRUST_PROXY ? hops.at(-1) : hops[0];
  return (hop ?? "unknown").replace(/^::ffff:/, "").slice(0, 64);
}
