import sharp from "sharp";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSimulator, startSimulatorServer } from "@/lib/simulator";
import { jsonRequest, KEY, readJson } from "@/tests/helpers/simulator-requests";
import { json, readEvents } from "./sse-helpers";

const GEN = "/v1/images/generations";
const streamBody = (partial_images: number) => ({
  model: "gpt-image-2",
  prompt: "a vase",
  stream: true,
  partial_images,
});

afterEach(() => vi.restoreAllMocks());

/** Resolves once every timer scheduled with `ms` has been cleared again. */
function watchTimers(ms: number): () => Promise<void> {
  const set = vi.spyOn(globalThis, "setTimeout");
  const clear = vi.spyOn(globalThis, "clearTimeout");
  const cleared = () => {
    const ours = set.mock.calls.map((c, i) => [c[1], set.mock.results[i]?.value] as const).filter(([d]) => d === ms);
    return ours.length > 0 && ours.every(([, h]) => clear.mock.calls.some((c) => c[0] === h));
  };
  return () => expect.poll(cleared).toBe(true);
}

describe("stream timing", () => {
  it("spreads the events over the simulated latency: partials well before the final image", async () => {
    const sim = createSimulator({ latencyMs: 400 });
    const events = await readEvents(await sim.handle(jsonRequest(GEN, streamBody(3))));
    expect(events).toHaveLength(5);
    const [first, , , completed] = events;
    expect(first.at).toBeLessThan(completed.at - 150);
    expect(completed.at).toBeGreaterThanOrEqual(350);
  });

  it("stops at once when the reader cancels the body, clearing its timer", async () => {
    const sim = createSimulator({ latencyMs: 60_000 });
    const check = watchTimers(30_000);
    const res = await sim.handle(jsonRequest(GEN, streamBody(1)));
    expect(res.status).toBe(200);
    await res.body!.cancel();
    await check();
  });
});

describe("faults on a stream", () => {
  it("stream_error sends an `error` event after the first partial, and no [DONE]", async () => {
    const sim = createSimulator();
    sim.addFault({ kind: "stream_error" });
    const events = await readEvents(await sim.handle(jsonRequest(GEN, streamBody(2))));
    expect(events.map((e) => e.event)).toEqual(["image_generation.partial_image", "error"]);
    expect(JSON.parse(events[1].data)).toEqual({
      type: "error",
      error: { message: expect.any(String), type: "server_error", param: null, code: "server_error" },
    });
  });

  it("stream_error with no partials fails first; a request that does not stream leaves it armed", async () => {
    const sim = createSimulator();
    sim.addFault({ kind: "stream_error" });
    expect((await sim.handle(jsonRequest(GEN, { model: "gpt-image-2", prompt: "x" }))).status).toBe(200);
    const events = await readEvents(await sim.handle(jsonRequest(GEN, streamBody(0))));
    expect(events.map((e) => e.event)).toEqual(["error"]);
    expect((await readEvents(await sim.handle(jsonRequest(GEN, streamBody(0))))).at(-1)?.data).toBe("[DONE]");
  });

  it("truncated_base64 cuts the final image; invalid_json cuts the completed event and the stream", async () => {
    const sim = createSimulator();
    sim.addFault({ kind: "truncated_base64" });
    const cut = json((await readEvents(await sim.handle(jsonRequest(GEN, streamBody(0)))))[0]);
    await expect(sharp(Buffer.from(cut.b64_json, "base64")).raw().toBuffer()).rejects.toThrow();
    sim.addFault({ kind: "invalid_json" });
    const events = await readEvents(await sim.handle(jsonRequest(GEN, streamBody(1))));
    expect(events.map((e) => e.event)).toEqual(["image_generation.partial_image", "image_generation.completed"]);
    expect(() => JSON.parse(events[1].data)).toThrow();
  });
});

describe("streams over real HTTP (startSimulatorServer)", () => {
  const post = (origin: string, body: unknown, signal?: AbortSignal) =>
    fetch(`${origin}${GEN}`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal,
    });

  it("delivers each event as it is produced", async () => {
    const server = await startSimulatorServer({ apiKey: KEY, latencyMs: 300 });
    try {
      const res = await post(server.origin, streamBody(2));
      expect(res.headers.get("x-oneapi-request-id")).not.toBe(res.headers.get("x-request-id"));
      const events = await readEvents(res);
      expect(events.map((e) => e.event ?? e.data).at(-1)).toBe("[DONE]");
      expect(events[0].at).toBeLessThan(events[2].at - 100);
    } finally {
      await server.close();
    }
  });

  it("lets a client leave mid-stream: the simulator stops and keeps serving", async () => {
    const server = await startSimulatorServer({ apiKey: KEY, latencyMs: 60_000 });
    try {
      const check = watchTimers(30_000);
      const ac = new AbortController();
      const res = await post(server.origin, streamBody(1), ac.signal);
      expect(res.status).toBe(200);
      ac.abort();
      await check();
      server.simulator.setLatency(0);
      const next = await post(server.origin, { model: "gpt-image-2", prompt: "x" });
      expect((await readJson(next)).data).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
