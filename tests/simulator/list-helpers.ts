import { expect } from "vitest";
import type { Simulator } from "@/lib/simulator";
import { BASE, expectIds, KEY } from "@/tests/helpers/simulator-requests";

/** Shared by the model-list tests: the expected listings and small request helpers. */

export const TODAY_OPENAI = ["gpt-image-2", "gpt-image-2-2026-04-21", "gpt-image-2-ssvip", "gpt-image-2-03"];
export const TODAY_GEMINI = [
  "gemini-2.5-flash-image",
  "gemini-3-pro-image",
  "gemini-3.1-flash-image",
  "gemini-3.1-flash-lite-image",
];
export const LEGACY: [string, string][] = [
  ["gpt-image-1.5", "2026-12-01"],
  ["gpt-image-1.5-2025-12-16", "2026-12-01"],
  ["chatgpt-image-latest", "2026-12-01"],
  ["gpt-image-1", "2026-10-23"],
  ["gpt-image-1-mini", "2026-12-01"],
  ["dall-e-3", "2026-05-12"],
  ["dall-e-2", "2026-05-12"],
  ["gemini-3-pro-image-preview", "2026-06-25"],
  ["gemini-3.1-flash-image-preview", "2026-06-25"],
];

export type OpenAIList = {
  object: string;
  data: { id: string; object: string; created: number; owned_by: string; shutdown_date?: string }[];
};
export type GeminiList = { models: { name: string; displayName: string; supportedGenerationMethods: string[] }[] };

export const get = (path: string, headers: Record<string, string> = { authorization: `Bearer ${KEY}` }) =>
  new Request(`${BASE}${path}`, { headers });
export const control = (path: string, body?: unknown) =>
  new Request(`${BASE}${path}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) });

export async function openaiList(sim: Simulator): Promise<OpenAIList> {
  const res = await sim.handle(get("/v1/models"));
  expect(res.status).toBe(200);
  expectIds(res);
  return (await res.json()) as OpenAIList;
}

export async function geminiList(sim: Simulator): Promise<GeminiList> {
  const res = await sim.handle(get("/v1beta/models", { "x-goog-api-key": KEY }));
  expect(res.status).toBe(200);
  expectIds(res);
  return (await res.json()) as GeminiList;
}
