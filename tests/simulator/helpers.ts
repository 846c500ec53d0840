import sharp from "sharp";
import { expect } from "vitest";

export const BASE = "http://127.0.0.1";
export const KEY = "sk-test-key";

export function jsonRequest(
  path: string,
  body: unknown,
  init: { auth?: string | null; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Request {
  const headers: Record<string, string> = { "content-type": "application/json", ...init.headers };
  const auth = init.auth === undefined ? `Bearer ${KEY}` : init.auth;
  if (auth !== null) headers.authorization = auth;
  return new Request(`${BASE}${path}`, { method: "POST", headers, body: JSON.stringify(body), signal: init.signal });
}

export interface Part {
  name: string;
  bytes: Uint8Array;
  type?: string;
  filename?: string;
}

export function formRequest(
  path: string,
  fields: Record<string, string>,
  parts: Part[],
  auth: string | null = `Bearer ${KEY}`,
): Request {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const p of parts)
    fd.append(p.name, new Blob([new Uint8Array(p.bytes)], { type: p.type ?? "image/png" }), p.filename ?? "image.png");
  const headers: Record<string, string> = {};
  if (auth !== null) headers.authorization = auth;
  return new Request(`${BASE}${path}`, { method: "POST", headers, body: fd });
}

export async function png(
  width: number,
  height: number,
  opts: { alpha?: boolean; transparentRect?: boolean } = {},
): Promise<Buffer> {
  const channels = opts.alpha || opts.transparentRect ? 4 : 3;
  const img = sharp({ create: { width, height, channels, background: { r: 40, g: 120, b: 200, alpha: 1 } } });
  if (!opts.transparentRect) return img.png().toBuffer();
  // A mask: opaque everywhere except a fully transparent square in the middle (the area to edit).
  const punch = await sharp({
    create: { width: Math.floor(width / 2), height: Math.floor(height / 2), channels: 4, background: "#000" },
  })
    .png()
    .toBuffer();
  return img
    .composite([{ input: punch, left: Math.floor(width / 4), top: Math.floor(height / 4), blend: "dest-out" }])
    .png()
    .toBuffer();
}

export async function jpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#c84" } })
    .jpeg()
    .toBuffer();
}

export async function readJson(res: Response): Promise<Record<string, unknown> & { error?: Record<string, unknown> }> {
  return (await res.json()) as Record<string, unknown> & { error?: Record<string, unknown> };
}

/** The OpenAI error envelope: all four keys, and the request id both in the headers and at the end of the message. */
export async function expectOpenAIError(
  res: Response,
  status: number,
  code?: string,
): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  const id = res.headers.get("x-request-id");
  expect(id).toMatch(/^req_[0-9a-f]+$/);
  expect(res.headers.get("x-oneapi-request-id")).toBe(id);
  const body = await readJson(res);
  expect(Object.keys(body.error ?? {})).toEqual(expect.arrayContaining(["message", "type", "param", "code"]));
  expect(String(body.error!.message)).toMatch(new RegExp(`\\(request id: ${id}\\)$`));
  if (code) expect(body.error!.code).toBe(code);
  return body.error!;
}

export async function meta(b64OrBytes: string | Uint8Array) {
  const bytes = typeof b64OrBytes === "string" ? Buffer.from(b64OrBytes, "base64") : b64OrBytes;
  return sharp(bytes).metadata();
}
