/**
 * Every card agrees with the built-in simulator, whose model tables (lib/simulator/*-models.ts) are its own
 * reading of docs/upstreams.md, written apart from the registry: the simulator knows every id the studio can
 * offer (each member and its snapshots), and a request built from the card's defaults — what the studio sends
 * when the user chooses nothing, and the same with every default made explicit — goes through the studio's own
 * provider module to the simulator's `handle(Request)`, in process, and comes back with an image.
 */
import { describe, expect, it } from "vitest";
import { FAMILIES, getModel, MODELS, type ModelCard, type Operation } from "@/lib/models";
import { PROVIDERS } from "@/lib/providers";
import { GATEWAYS } from "@/lib/providers/gateways";
import type { ProviderConfig, ProviderImageInput } from "@/lib/providers/types";
import { createSimulator } from "@/lib/simulator";
import { arkModel } from "@/lib/simulator/ark-models";
import { geminiModel } from "@/lib/simulator/gemini-models";
import { openaiModel } from "@/lib/simulator/openai-models";
import { defaultParams, validateGenerationRequest } from "@/lib/validation";
import { png } from "@/tests/helpers/simulator-requests";

const ORIGIN = "http://simulator.test";
/** Every id the simulator has a spec for is listed and served, the retired ones included. */
const sim = createSimulator({ models: "all" });
const listed = new Set(sim.models.filter((m) => m.served).map((m) => m.id));

const specOf = (card: ModelCard) =>
  card.provider === "dmxapi_openai_img"
    ? openaiModel(card.upstreamId)
    : card.provider === "dmxapi_gemini"
      ? geminiModel(card.upstreamId)
      : arkModel(card.upstreamId);

const config = (card: ModelCard): ProviderConfig => ({
  baseUrl: card.provider === "ark" ? `${ORIGIN}/api/v3` : ORIGIN,
  apiKey: "sk-agreement",
  timeoutMs: 30_000,
  imagePartName: "image",
  gateway: GATEWAYS.simulator,
  fetch: (input, init) => sim.handle(new Request(input, init)),
});

let inputImage: Promise<ProviderImageInput> | undefined;
const image = () =>
  (inputImage ??= png(256, 256).then((bytes) => ({
    bytes: new Uint8Array(bytes),
    mimeType: "image/png",
    filename: "input.png",
  })));

/** Validate like the server, then send every request the provider plans through the simulator. */
async function roundTrip(card: ModelCard, operation: Operation, params: Record<string, unknown>) {
  const inputAssetIds = operation === "edit" ? ["ast_agreement0"] : undefined;
  const checked = validateGenerationRequest({
    model: card.id,
    operation,
    prompt: "a ceramic mug",
    params,
    inputAssetIds,
  });
  if (!checked.ok) throw new Error(`the studio refuses its own defaults: ${JSON.stringify(checked.error.toBody())}`);
  const v = checked.value;
  const provider = PROVIDERS.find((p) => p.id === v.provider)!.module;
  const images = operation === "edit" ? [await image()] : [];
  const results = [];
  for (const planned of provider.plan(operation, v.params)) {
    const req = { model: v.card.upstreamId, operation, prompt: v.prompt, params: planned, images, wire: v.card.wire };
    results.push(await provider.run(req, config(v.card)));
  }
  return results;
}

const CARDS: ModelCard[] = [
  ...MODELS,
  ...FAMILIES.flatMap((f) => f.members.flatMap((m) => (m.snapshots ?? []).map((id) => getModel(id)!))),
];
const CASES = CARDS.flatMap((card) => card.operations.map((op) => [card.id, op, card] as const));

describe("the simulator knows every card", () => {
  it.each(CARDS.map((c) => [c.id, c] as const))("%s", (_id, card) => {
    expect(specOf(card), `the simulator has no ${card.provider} spec for ${card.upstreamId}`).not.toBeNull();
    // Ark publishes no model list; the other two providers' ids must be on the gateway's list.
    if (card.provider !== "ark") expect(listed.has(card.upstreamId), `${card.upstreamId} is not listed`).toBe(true);
  });
});

describe("a request built from the card's defaults is accepted by the simulator", () => {
  it.each(CASES)("%s %s, nothing chosen", async (_id, op, card) => {
    const results = await roundTrip(card, op, {});
    for (const r of results) {
      expect(r.failures).toEqual([]);
      expect(r.images.length).toBeGreaterThanOrEqual(1);
      expect(r.httpStatus).toBe(200);
    }
  });

  it.each(CASES)("%s %s, every default sent explicitly", async (_id, op, card) => {
    const results = await roundTrip(card, op, defaultParams(card, op));
    for (const r of results) {
      expect(r.failures).toEqual([]);
      expect(r.images.length).toBeGreaterThanOrEqual(1);
    }
  });

  const STREAMING = CASES.filter(([, , card]) => card.params.partial_images);
  it.each(STREAMING)("%s %s, previews asked for (partial_images 1: a streamed request)", async (_id, op, card) => {
    const results = await roundTrip(card, op, { partial_images: 1 });
    for (const r of results) {
      expect(r.failures).toEqual([]);
      expect(r.images).toHaveLength(1);
    }
  });
});
