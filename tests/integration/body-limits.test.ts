/**
 * JSON bodies are bounded while they stream (MAX_JSON_BYTES): a declared length over the cap is refused
 * unread, a chunked body as soon as it crosses the cap — the server never holds more than the cap.
 */
import { describe, expect, it } from "vitest";
import { POST as postProject } from "@/app/api/projects/route";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { errorOf, authedRequest } from "@/tests/helpers/http";

const CAP = 4096;
withTempDataDir(() => ({ MAX_JSON_BYTES: String(CAP) }));

/** A chunked body of `chunks` × 1 KiB that counts how much of it the server pulled. */
function endless(chunks: number) {
  const state = { pulled: 0 };
  let sent = 0;
  const chunk = new TextEncoder().encode(`{"name":"${"x".repeat(1000)}`.slice(0, 1024));
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ >= chunks) return controller.close();
      state.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { body, state };
}

const post = (init: RequestInit & { duplex?: "half" }) =>
  postProject(authedRequest("http://x/api/projects", { method: "POST", ...init }), undefined);

describe("JSON body limits", () => {
  it("refuses a declared Content-Length over the cap without reading it", async () => {
    const { body, state } = endless(100);
    const res = await post({
      body,
      duplex: "half",
      headers: { "content-type": "application/json", "content-length": String(100 * 1024) },
    });
    const err = await errorOf(res, 413, "payload_too_large");
    expect(err.details).toEqual({ maxBytes: CAP });
    expect(state.pulled).toBeLessThanOrEqual(2 * 1024);
  });

  it("refuses a chunked body the moment it crosses the cap, having pulled little more than the cap", async () => {
    const { body, state } = endless(10_000); // 10 MB if read to the end
    const res = await post({ body, duplex: "half", headers: { "content-type": "application/json" } });
    await errorOf(res, 413, "payload_too_large");
    expect(state.pulled).toBeLessThanOrEqual(CAP + 2 * 1024);
  });

  it("reads a body under the cap as usual", async () => {
    const res = await post({
      body: JSON.stringify({ name: "Spring" }),
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(201);
    const bad = await post({ body: "{not json", headers: { "content-type": "application/json" } });
    await errorOf(bad, 400, "invalid_request");
  });
});
