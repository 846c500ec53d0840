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

/** Lists every id the simulator has a spec for (legacy ones included), for tests of the legacy models' rules. */
export const ALL_MODELS = { models: "all" } as const;

/** Both ids of an answer: the gateway's (new-api's time + digits + 8 letters) and the upstream's, never equal. */
export function expectIds(res: Response): { gateway: string; upstream: string } {
  const upstream = res.headers.get("x-request-id") ?? "";
  const gateway = res.headers.get("x-oneapi-request-id") ?? "";
  expect(upstream).toMatch(/^req_[0-9a-f]{24}$/);
  expect(gateway).toMatch(/^\d{23}[A-Za-z0-9]{8}$/);
  expect(gateway).not.toBe(upstream);
  return { gateway, upstream };
}

/** The OpenAI error envelope: all four keys, both ids in the headers, the gateway's at the end of the message. */
export async function expectOpenAIError(
  res: Response,
  status: number,
  code?: string,
): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  const { gateway } = expectIds(res);
  const body = await readJson(res);
  expect(Object.keys(body.error ?? {})).toEqual(expect.arrayContaining(["message", "type", "param", "code"]));
  expect(String(body.error!.message).endsWith(` (request id: ${gateway})`)).toBe(true);
  if (code) expect(body.error!.code).toBe(code);
  return body.error!;
}

/** new-api's own refusal (§J.3): the OpenAI envelope with type new_api_error, on any route the gateway fronts. */
export async function expectGatewayError(res: Response, status: number, code: string): Promise<string> {
  const err = await expectOpenAIError(res, status, code);
  expect(err.type).toBe("new_api_error");
  return String(err.message);
}

export async function meta(b64OrBytes: string | Uint8Array) {
  const bytes = typeof b64OrBytes === "string" ? Buffer.from(b64OrBytes, "base64") : b64OrBytes;
  return sharp(bytes).metadata();
}
