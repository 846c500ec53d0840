/**
 * Image URLs named by an upstream's answer (docs/upstreams.md §C.3) are fetched only from the gateway's own
 * origin or public addresses, redirects checked hop by hop, every refusal in the same words.
 */
import { describe, expect, it } from "vitest";
import { publicLookup, REFUSED_MESSAGE, safeFetch } from "@/lib/providers/safe-fetch";
import { UpstreamError } from "@/lib/errors";
import { fakeGateway } from "@/tests/helpers/provider-setup";
import { b64, PNG } from "@/tests/helpers/image-fixtures";

const gateway = fakeGateway((req, res) => {
  if (req.path === "/files/ok.png") return void res.end(Buffer.from(b64(PNG), "base64"));
  if (req.path.startsWith("/redirect?to=")) {
    res.writeHead(302, { location: decodeURIComponent(req.path.slice("/redirect?to=".length)) });
    return void res.end();
  }
  res.writeHead(404).end();
});
// Another service on this machine the answer must not reach (e.g. the studio's own API, a database port).
const inside = fakeGateway((_req, res) => void res.end("secret"));

const fetchFrom = (url: string) =>
  safeFetch(new URL(url), { trustedOrigin: gateway.origin, signal: AbortSignal.timeout(3000) });

async function refusal(url: string): Promise<UpstreamError> {
  const e = await fetchFrom(url).then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(UpstreamError);
  return e as UpstreamError;
}

describe("safeFetch", () => {
  it("fetches from the gateway's own origin, even on loopback", async () => {
    const res = await fetchFrom(`${gateway.origin}/files/ok.png`);
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);
  });

  it.each([
    ["another loopback port", () => `${inside.origin}/`],
    ["localhost by name", () => `http://localhost:${new URL(inside.origin).port}/`],
    ["a decimal IP", () => `http://2130706433:${new URL(inside.origin).port}/`],
    ["a shortened IP", () => `http://127.1:${new URL(inside.origin).port}/`],
    ["IPv6 loopback", () => `http://[::1]:${new URL(inside.origin).port}/`],
    ["an IPv4-mapped loopback", () => `http://[::ffff:127.0.0.1]:${new URL(inside.origin).port}/`],
    ["cloud metadata", () => "http://169.254.169.254/latest/meta-data/"],
    ["a private range", () => "http://10.0.0.1/x.png"],
    ["another scheme", () => "file:///etc/passwd"],
    ["credentials in the URL", () => `${gateway.origin.replace("://", "://user:pw@")}/files/ok.png`],
  ])("refuses %s, in one message, without connecting", async (_what, url) => {
    inside.requests.length = 0;
    const e = await refusal(url());
    expect(e.code).toBe("upstream_bad_response");
    expect(e.message).toBe(REFUSED_MESSAGE);
    expect(inside.requests).toHaveLength(0);
  });

  it("checks every redirect: the gateway's own URL may not bounce into the machine", async () => {
    inside.requests.length = 0;
    const e = await refusal(`${gateway.origin}/redirect?to=${encodeURIComponent(`${inside.origin}/`)}`);
    expect(e.message).toBe(REFUSED_MESSAGE);
    expect(inside.requests).toHaveLength(0);
  });

  it("follows a redirect that stays on the gateway's origin", async () => {
    const res = await fetchFrom(`${gateway.origin}/redirect?to=${encodeURIComponent("/files/ok.png")}`);
    expect(res.status).toBe(200);
  });

  it("refuses at connect time a name that resolves to a non-public address (DNS rebinding)", async () => {
    const err = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      publicLookup("localhost", {}, (e) => resolve(e)),
    );
    expect(err?.code).toBe("EREFUSEDADDRESS");
  });
});

describe("downloadImage (what the providers call for an answer's image URL)", () => {
  it("refuses an answer that points into the machine, and still fetches the gateway's own files", async () => {
    const { downloadImage } = await import("@/lib/providers/download");
    const config = gateway.config("sk-test-ssrf-0123456789abcdef");
    inside.requests.length = 0;
    await expect(downloadImage(`${inside.origin}/api/projects`, config)).rejects.toThrow(REFUSED_MESSAGE);
    expect(inside.requests).toHaveLength(0);
    expect(await downloadImage(`${gateway.origin}/files/ok.png`, config)).toEqual(PNG);
  });
});
