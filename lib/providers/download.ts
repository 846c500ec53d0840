import "server-only";
import { UpstreamError, type UpstreamErrorCode } from "@/lib/errors";
import { decodeBase64 } from "./image-bytes";
import type { ProviderConfig } from "./types";
import { safeFetch } from "./safe-fetch";
import { withDeadline } from "./transport";

/**
 * Shared by the provider modules whose answers may carry image URLs (OpenAI-img, Ark).
 * Fetches an image URL from an answer, under the same deadline and cancel as the call itself.
 * No Authorization header: the URL may point at any host, and the key is for the gateway only. Only the
 * gateway's own origin or public addresses are fetched, redirects checked hop by hop (safe-fetch.ts).
 * Messages name the host, never the full URL (signed URLs carry tokens).
 */

export const DEFAULT_MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024;

function parseImageUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UpstreamError("upstream_bad_response", "image url is not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UpstreamError("upstream_bad_response", `image url has scheme ${url.protocol} (http/https only)`);
  }
  return url;
}

async function readCapped(body: ReadableStream<Uint8Array>, cap: number, host: string): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      throw new UpstreamError("upstream_bad_response", `image from ${host} is over ${cap} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function gatewayOrigin(baseUrl: string): string | null {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return null;
  }
}

export async function downloadImage(raw: string, config: ProviderConfig, signal?: AbortSignal): Promise<Uint8Array> {
  const url = parseImageUrl(raw);
  const cap = config.maxDownloadBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES;
  const what = `image download from ${url.host}`;
  const trustedOrigin = gatewayOrigin(config.baseUrl);
  return withDeadline(config.timeoutMs, signal, what, async (s) => {
    const res = await safeFetch(url, { trustedOrigin, signal: s, fetchImpl: config.fetch });
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      const code = res.status >= 500 ? "upstream_unavailable" : "upstream_bad_response";
      throw new UpstreamError(code, `${what} answered ${res.status}`, { httpStatus: res.status });
    }
    const declared = Number(res.headers.get("content-length") ?? NaN);
    if (declared > cap) {
      await res.body?.cancel().catch(() => undefined);
      throw new UpstreamError("upstream_bad_response", `image from ${url.host} is over ${cap} bytes`);
    }
    if (!res.body) throw new UpstreamError("upstream_bad_response", `${what} had no body`);
    return readCapped(res.body, cap, url.host);
  });
}

export type ItemBytes = Uint8Array | { failure: { code: UpstreamErrorCode; message: string } };

/**
 * The bytes of one answer item that carries either `b64_json` or `url` (OpenAI-img and Ark share this
 * shape). A URL is downloaded at once. A bad item is a failure of that item only — its siblings were
 * billed and are kept; an abort or a bug ends the whole run.
 */
export async function itemImageBytes(
  item: { b64_json?: string | null; url?: string | null },
  config: ProviderConfig,
  signal: AbortSignal | undefined,
  redact: (s: string) => string,
  emptyMessage = "item has neither b64_json nor url",
): Promise<ItemBytes> {
  if (item.b64_json) {
    const bytes = decodeBase64(item.b64_json);
    return bytes ?? { failure: { code: "upstream_bad_response", message: "b64_json is not base64" } };
  }
  if (item.url) {
    try {
      return await downloadImage(item.url, config, signal);
    } catch (e) {
      if (!(e instanceof UpstreamError)) throw e;
      return { failure: { code: e.code, message: redact(e.message) } };
    }
  }
  return { failure: { code: "upstream_bad_response", message: emptyMessage } };
}
