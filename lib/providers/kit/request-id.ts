import "server-only";

/**
 * One request-id reader. A gateway (new-api: `X-Oneapi-Request-Id`) has its own id and copies the
 * upstream vendor's `x-request-id` downstream too; the gateway's is stored first (it is the one its
 * support asks for) and the vendor's is kept beside it (docs/upstreams.md §J.3). Without headers, the
 * "(request id: …)" suffix new-api appends to messages, or an id in the answer body, stands in.
 */

export interface RequestIds {
  /** The id to quote first: the gateway's, else the vendor's. */
  requestId: string | null;
  /** The vendor's own id when it differs from `requestId`. */
  vendorRequestId: string | null;
}

export interface RequestIdSources {
  /** The gateway's header (preset), e.g. `x-oneapi-request-id`; null when talking to a vendor directly. */
  gatewayHeader: string | null;
  /** The vendor's headers, in order of preference. */
  vendorHeaders: readonly string[];
  /** An error message that may end in "(request id: …)". */
  message?: string | null;
  /** An id the answer body carries (Gemini's `responseId`). */
  bodyId?: string | null;
}

const SUFFIX_RE = /\(?request id:\s*([A-Za-z0-9_.:-]+)\)?/i;

export function readRequestIds(headers: Headers, sources: RequestIdSources, redact: (s: string) => string): RequestIds {
  const gateway = sources.gatewayHeader ? headers.get(sources.gatewayHeader) : null;
  const fromMessage = sources.message ? (SUFFIX_RE.exec(sources.message)?.[1] ?? null) : null;
  const vendor =
    sources.vendorHeaders.map((h) => headers.get(h)).find((v): v is string => Boolean(v)) ?? sources.bodyId ?? null;
  const first = gateway ?? fromMessage ?? vendor;
  const clean = (v: string | null) => (v === null ? null : redact(v).slice(0, 200));
  return { requestId: clean(first), vendorRequestId: vendor !== null && vendor !== first ? clean(vendor) : null };
}
