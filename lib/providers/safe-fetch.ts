import "server-only";
import { lookup } from "node:dns";
import { isIP } from "node:net";
import { Agent, fetch as undiciFetch } from "undici";
import { UpstreamError } from "@/lib/errors";
import { isPublicAddress } from "./public-address";
import { errorCodes } from "./transport";

/**
 * Fetching a URL an upstream's answer names, without letting the answer steer the studio into its own
 * network (SSRF). Allowed: http(s) on the gateway's own origin, or any host whose every resolved address is
 * public. The address is checked where the connection is made (a custom DNS lookup), so a name that
 * resolves differently the second time (DNS rebinding) is caught too, and redirects are followed by hand,
 * each hop checked again. Every refusal says the same thing, so a probe learns nothing about open ports.
 */

export const REFUSED_MESSAGE = "the image URL points somewhere the studio does not fetch from";
const MAX_REDIRECTS = 3;

function refused(): UpstreamError {
  return new UpstreamError("upstream_bad_response", REFUSED_MESSAGE);
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | { address: string; family: number }[],
  family?: number,
) => void;

/** dns.lookup, but failing for a name with any non-public address. */
export function publicLookup(hostname: string, options: object, callback: LookupCallback): void {
  lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const list = addresses as { address: string; family: number }[];
    if (list.length === 0 || !list.every((a) => isPublicAddress(a.address))) {
      return callback(Object.assign(new Error("refused address"), { code: "EREFUSEDADDRESS" }), []);
    }
    const all = (options as { all?: boolean }).all;
    return all ? callback(null, list) : callback(null, list[0].address, list[0].family);
  });
}

// Our own agents, always passed explicitly: undici's fetch would otherwise install its global dispatcher,
// which Node's built-in fetch (a different undici) shares.
const slot = globalThis as { __atelierAgents?: { public: Agent; trusted: Agent } };
const agents = () =>
  (slot.__atelierAgents ??= { public: new Agent({ connect: { lookup: publicLookup } }), trusted: new Agent() });

/** A hostname as the URL parser left it: IPv6 literals come bracketed. */
const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, "");

export interface SafeFetchOptions {
  /** The gateway's origin: its own URLs are trusted like the gateway itself (it may live on loopback). */
  trustedOrigin: string | null;
  signal: AbortSignal;
  /** Tests' injected fetch; it bypasses the address check (the URL check still applies). */
  fetchImpl?: typeof fetch;
}

function checkUrl(url: URL, trustedOrigin: string | null): "trusted" | "public" {
  if (url.protocol !== "http:" && url.protocol !== "https:") throw refused();
  if (url.username || url.password) throw refused();
  if (trustedOrigin && url.origin === trustedOrigin) return "trusted";
  const host = bare(url.hostname);
  if (host === "localhost" || host.endsWith(".localhost")) throw refused();
  if (isIP(host) && !isPublicAddress(host)) throw refused();
  return "public";
}

/** GET `raw`, following at most 3 redirects, each checked; refusals and blocked addresses are one error. */
export async function safeFetch(raw: URL, opts: SafeFetchOptions): Promise<Response> {
  let url = raw;
  for (let hop = 0; ; hop++) {
    const kind = checkUrl(url, opts.trustedOrigin);
    let res: Response;
    try {
      res = opts.fetchImpl
        ? await opts.fetchImpl(url, { method: "GET", signal: opts.signal, redirect: "manual" })
        : ((await undiciFetch(url, {
            method: "GET",
            signal: opts.signal,
            redirect: "manual",
            dispatcher: kind === "public" ? agents().public : agents().trusted,
          })) as unknown as Response);
    } catch (e) {
      if (errorCodes(e).includes("EREFUSEDADDRESS")) throw refused();
      throw e;
    }
    const location = res.status >= 300 && res.status < 400 ? res.headers.get("location") : null;
    if (!location) return res;
    await res.body?.cancel().catch(() => undefined);
    if (hop >= MAX_REDIRECTS) throw new UpstreamError("upstream_bad_response", "the image URL redirects too often");
    try {
      url = new URL(location, url);
    } catch {
      throw refused();
    }
  }
}
