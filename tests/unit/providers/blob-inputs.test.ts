/**
 * Input images given as Blobs (what the job runner passes: file-backed Blobs from the store). A multipart edit
 * leaves them unread while it builds and streams them into the body, never holding them (fetch is told not to
 * tee the body for redirects, which would keep a copy of all of it); Gemini and Ark read them while building
 * their JSON, after their size checks; the description needs no read; an input whose file went away fails
 * the job clearly instead of passing for a network error.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { arkProvider } from "@/lib/providers/ark";
import { dmxapiGeminiProvider } from "@/lib/providers/dmxapi-gemini";
import { dmxapiOpenAiImgProvider } from "@/lib/providers/dmxapi-openai-img";
import { buildRequest } from "@/lib/providers/dmxapi-openai-img/build-request";
import type { ProviderConfig, ProviderImageInput, ProviderRequest } from "@/lib/providers/types";
import { parseMultipart, sendJson } from "@/tests/helpers/fake-upstream";
import { b64, JPEG, PNG } from "@/tests/helpers/image-fixtures";
import { fakeGateway, rejection, upstreamFailure } from "@/tests/helpers/provider-setup";

const MB = 1024 * 1024;
const OK_OPENAI = { created: 1, data: [{ b64_json: b64(PNG) }] };

/**
 * A Blob stand-in that counts how it is read. fetch and FormData take any object tagged "Blob" with `stream()`
 * (undici's FileLike), so what they read goes through here.
 */
function countingBlob(bytes: Uint8Array, type: string) {
  const counts = { streamed: 0, whole: 0 };
  const blob = {
    size: bytes.byteLength,
    type,
    [Symbol.toStringTag]: "Blob",
    stream() {
      const chunks = Array.from({ length: Math.ceil(bytes.byteLength / 65536) }, (_, i) =>
        bytes.subarray(i * 65536, (i + 1) * 65536),
      );
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = chunks.shift();
          if (!next) return controller.close();
          counts.streamed += next.byteLength;
          controller.enqueue(next);
        },
      });
    },
    async arrayBuffer() {
      counts.whole += bytes.byteLength;
      return bytes.slice().buffer;
    },
    async bytes() {
      counts.whole += bytes.byteLength;
      return bytes.slice();
    },
    async text() {
      counts.whole += bytes.byteLength;
      return Buffer.from(bytes).toString("latin1");
    },
    slice() {
      throw new Error("not expected: slice");
    },
  };
  return { blob: blob as unknown as Blob, counts };
}

const blobInput = (bytes: Uint8Array, filename: string, mimeType: string) => {
  const { blob, counts } = countingBlob(bytes, mimeType);
  const input: ProviderImageInput = { blob, filename, mimeType };
  return { input, counts };
};

/** A file-backed Blob of `bytes` (as the store hands out), in a temp dir removed after the file's tests. */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "atelier-blob-inputs-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
async function fileInput(name: string, bytes: Uint8Array, mimeType = "image/png") {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, bytes);
  const input: ProviderImageInput = { blob: await fs.openAsBlob(file, { type: mimeType }), filename: name, mimeType };
  return { input, file };
}

const edit = (model: string, images: ProviderImageInput[], mask?: ProviderImageInput): ProviderRequest => ({
  model,
  operation: "edit",
  prompt: "on a marble table",
  params: {},
  images,
  ...(mask ? { mask } : {}),
});

describe("OpenAI-img multipart edits of Blob inputs", () => {
  const fake = fakeGateway((_req, res) => sendJson(res, 200, OK_OPENAI));
  const config = (over: Partial<ProviderConfig> = {}) => fake.config("sk-test", over);

  it("builds the form without reading an input, each part the Blob itself with its name, type and size", () => {
    const a = blobInput(PNG, "a.png", "image/png");
    const b = blobInput(JPEG, "b.jpg", "image/jpeg");
    const built = buildRequest(edit("gpt-image-2", [a.input, b.input]), config());
    expect([a.counts, b.counts]).toEqual([
      { streamed: 0, whole: 0 },
      { streamed: 0, whole: 0 },
    ]);
    const files = [...(built.body as FormData).getAll("image")] as File[];
    expect(files.map((f) => [f.name, f.type, f.size])).toEqual([
      ["a.png", "image/png", PNG.byteLength],
      ["b.jpg", "image/jpeg", JPEG.byteLength],
    ]);
    const parts = built.described.body.kind === "multipart" ? built.described.body.parts : [];
    expect(parts.filter((p) => p.filename)).toEqual([
      { name: "image", filename: "a.png", type: "image/png", bytes: PNG.byteLength },
      { name: "image", filename: "b.jpg", type: "image/jpeg", bytes: JPEG.byteLength },
    ]);
    expect(dmxapiOpenAiImgProvider.describe(edit("gpt-image-2", [a.input]), config()).body).toMatchObject({
      kind: "multipart",
    });
    expect(a.counts.whole + a.counts.streamed).toBe(0);
  });

  it("streams each input into the body once, never reading one whole, and the upstream gets the bytes", async () => {
    const big = new Uint8Array(3 * MB + 7).fill(0x5a);
    big.set(PNG);
    const a = blobInput(big, "a.png", "image/png");
    const mask = blobInput(PNG, "mask.png", "image/png");
    await dmxapiOpenAiImgProvider.run(edit("gpt-image-2", [a.input], mask.input), config());
    expect(a.counts).toEqual({ streamed: big.byteLength, whole: 0 });
    expect(mask.counts).toEqual({ streamed: PNG.byteLength, whole: 0 });
    const parts = await parseMultipart(fake.requests[0]);
    const image = parts.find((p) => p.name === "image");
    expect(image?.bytes && Buffer.compare(Buffer.from(image.bytes), Buffer.from(big))).toBe(0);
    expect(Number(fake.requests[0].headers["content-length"])).toBe(fake.requests[0].body.byteLength);
  });

  it("asks fetch not to keep the body (no redirect following, no window), and only for multipart", async () => {
    const inits: RequestInit[] = [];
    const spy: typeof fetch = async (url, init) => {
      inits.push(init!);
      return fetch(url, init);
    };
    await dmxapiOpenAiImgProvider.run(edit("gpt-image-2", [blobInput(PNG, "a.png", "image/png").input]), {
      ...config(),
      fetch: spy,
    });
    await dmxapiOpenAiImgProvider.run(
      { ...edit("gpt-image-2", []), operation: "generate" },
      { ...config(), fetch: spy },
    );
    expect(inits[0]).toMatchObject({ redirect: "error", window: null });
    expect(inits[1].redirect).toBeUndefined();
  });

  it("a redirect answer to a multipart edit is upstream_bad_response, sent once", async () => {
    fake.handler = (_req, res) => {
      res.writeHead(307, { location: "/elsewhere" });
      res.end();
    };
    const e = await upstreamFailure(
      dmxapiOpenAiImgProvider.run(edit("gpt-image-2", [blobInput(PNG, "a.png", "image/png").input]), config()),
    );
    expect(e.code).toBe("upstream_bad_response");
    expect(e.message).toMatch(/redirect/);
    expect(fake.requests).toHaveLength(1);
  });

  it("an input whose file is gone when it is sent fails as invalid_request naming it, not as a network error", async () => {
    const { input, file } = await fileInput("gone.png", Buffer.concat([PNG, Buffer.alloc(256 * 1024)]));
    fs.unlinkSync(file);
    const e = await rejection(dmxapiOpenAiImgProvider.run(edit("gpt-image-2", [input]), config()));
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code: "invalid_request" });
    expect((e as Error).message).toMatch(/could not be read: its file was deleted or replaced/);
  });
});

describe("a multipart edit of large file-backed inputs holds neither the inputs nor the body", () => {
  // Its own upstream that counts the body and keeps none of it (the fake gateway records every body).
  let origin = "";
  let received = 0;
  const server = http.createServer((req, res) => {
    req.on("data", (c: Buffer) => (received += c.length));
    req.on("end", () => sendJson(res, 200, OK_OPENAI));
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("4 inputs × 48 MB: the process's buffers grow by far less than one input", async () => {
    const bytes = Buffer.alloc(48 * MB, 0x33);
    PNG.forEach((b, i) => (bytes[i] = b));
    const inputs = await Promise.all([0, 1, 2, 3].map(async (i) => (await fileInput(`big${i}.png`, bytes)).input));
    const total = inputs.reduce((n, img) => n + (img.blob?.size ?? 0), 0);
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const before = process.memoryUsage().arrayBuffers;
    let peak = before;
    const probe = setInterval(() => (peak = Math.max(peak, process.memoryUsage().arrayBuffers)), 5);
    try {
      const config = { baseUrl: origin, apiKey: "sk-test", timeoutMs: 30_000, imagePartName: "image[]" as const };
      await dmxapiOpenAiImgProvider.run(edit("gpt-image-2", inputs), config);
    } finally {
      clearInterval(probe);
    }
    expect(received).toBeGreaterThan(total);
    // Before: each input read into a Buffer, copied into a Blob, and the whole body teed by fetch (~4 × 192 MB).
    expect(peak - before).toBeLessThan(40 * MB);
  }, 60_000);
});

describe("Gemini and Ark read Blob inputs while building, after their size checks", () => {
  const gemini = fakeGateway((_req, res) =>
    sendJson(res, 200, {
      candidates: [{ content: { parts: [{ inlineData: { mimeType: "image/png", data: b64(PNG) } }] } }],
    }),
  );
  const ark = fakeGateway((_req, res) =>
    sendJson(res, 200, { model: "m", created: 1, data: [{ b64_json: b64(JPEG) }], usage: { generated_images: 1 } }),
  );
  const GEMINI = "gemini-3-pro-image-preview";
  const SEEDREAM = "doubao-seedream-4-0-250828";

  it("Gemini sends the same body for a Blob input as for its bytes, and describes it without reading it", async () => {
    const a = blobInput(JPEG, "a.jpg", "image/jpeg");
    const config = gemini.config("sk-gemini");
    const described = dmxapiGeminiProvider.describe(edit(GEMINI, [a.input]), config);
    expect(a.counts).toEqual({ streamed: 0, whole: 0 });
    expect(JSON.stringify(described)).toContain(`[base64 of ${JPEG.byteLength} bytes]`);
    await dmxapiGeminiProvider.run(edit(GEMINI, [a.input]), config);
    await dmxapiGeminiProvider.run(edit(GEMINI, [{ bytes: JPEG, filename: "a.jpg", mimeType: "image/jpeg" }]), config);
    expect(a.counts.whole).toBe(JPEG.byteLength);
    const [fromBlob, fromBytes] = gemini.requests.map((r) => r.body.toString("utf8"));
    expect(fromBlob).toBe(fromBytes);
    expect(fromBlob).toContain(b64(JPEG));
  });

  it("Gemini refuses inputs over 20 MB of inline data from their sizes, reading none", async () => {
    const big = new Uint8Array(16 * MB);
    big.set(PNG);
    const a = blobInput(big, "big.png", "image/png");
    const e = await upstreamFailure(dmxapiGeminiProvider.run(edit(GEMINI, [a.input]), gemini.config("sk-gemini")));
    expect(e.code).toBe("upstream_invalid_request");
    expect(e.message).toMatch(/the input images make a 21\.3 MB request; Gemini takes at most 20\.0 MB/);
    expect(a.counts).toEqual({ streamed: 0, whole: 0 });
    expect(gemini.requests).toHaveLength(0);
  });

  it("Ark sends the same data URLs for Blob inputs as for bytes, and refuses one over 10 MB unread", async () => {
    const config = ark.config("sk-ark", {}, "/api/v3");
    const a = blobInput(PNG, "a.png", "image/png");
    const b = blobInput(JPEG, "b.jpg", "image/jpeg");
    await arkProvider.run(edit(SEEDREAM, [a.input, b.input]), config);
    const bytesA = { bytes: PNG, filename: "a.png", mimeType: "image/png" };
    await arkProvider.run(edit(SEEDREAM, [bytesA, { bytes: JPEG, filename: "b.jpg", mimeType: "image/jpeg" }]), config);
    const [fromBlobs, fromBytes] = ark.requests.map((r) => JSON.parse(r.body.toString("utf8")) as { image: string[] });
    expect(fromBlobs).toEqual(fromBytes);
    expect(fromBlobs.image).toEqual([`data:image/png;base64,${b64(PNG)}`, `data:image/jpeg;base64,${b64(JPEG)}`]);
    expect(JSON.stringify(arkProvider.describe(edit(SEEDREAM, [a.input]), config))).toContain(
      `[${PNG.byteLength} bytes]`,
    );

    const huge = new Uint8Array(10 * MB + 1);
    huge.set(PNG);
    const h = blobInput(huge, "h.png", "image/png");
    const e = await upstreamFailure(arkProvider.run(edit(SEEDREAM, [h.input]), config));
    expect(e.message).toBe("reference image 1 is 10.0 MB; Ark takes at most 10 MB per image");
    expect(h.counts).toEqual({ streamed: 0, whole: 0 });
  });

  it("an inlined input whose file is gone fails as invalid_request naming the image, sending nothing", async () => {
    const { input, file } = await fileInput("gone.jpg", JPEG, "image/jpeg");
    fs.unlinkSync(file);
    for (const [run, fake] of [
      [() => dmxapiGeminiProvider.run(edit(GEMINI, [input]), gemini.config("sk-gemini")), gemini],
      [() => arkProvider.run(edit(SEEDREAM, [input]), ark.config("sk-ark", {}, "/api/v3")), ark],
    ] as const) {
      const e = await rejection(run());
      expect(e).toMatchObject({ code: "invalid_request" });
      expect((e as Error).message).toBe(
        "Input image 1 (gone.jpg) could not be read: its file was deleted or replaced while the job ran",
      );
      expect(fake.requests).toHaveLength(0);
    }
  });
});
