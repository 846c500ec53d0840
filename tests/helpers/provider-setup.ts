/**
 * The one setup of the provider tests: a fake gateway on 127.0.0.1 per file (requests cleared and the
 * default answer restored before each test), a config pointing at it, the request the job runner would
 * build from a validated body, and a way to await an UpstreamError.
 */
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { newId } from "@/lib/ids";
import { UpstreamError } from "@/lib/errors";
import type { ProviderConfig, ProviderImageInput, ProviderRequest } from "@/lib/providers/types";
import { validateGenerationRequest } from "@/lib/validation";
import { startFakeUpstream, type FakeUpstream, type Handler } from "./fake-upstream";

export interface FakeGateway extends FakeUpstream {
  /** A config for `key` against this fake (`path` appended to its origin, e.g. Ark's `/api/v3`). */
  config(key: string, over?: Partial<ProviderConfig>, path?: string): ProviderConfig;
}

export function fakeGateway(defaultHandler: Handler = (_r, res) => void res.end()): FakeGateway {
  const gateway = {
    origin: "",
    requests: [],
    handler: defaultHandler,
    close: async () => undefined,
    config: (key: string, over: Partial<ProviderConfig> = {}, path = "") => ({
      baseUrl: `${gateway.origin}${path}`,
      apiKey: key,
      timeoutMs: 5000,
      imagePartName: "image" as const,
      ...over,
    }),
  } as FakeGateway;
  beforeAll(async () => {
    const fake = await startFakeUpstream((req, res) => gateway.handler(req, res));
    gateway.origin = fake.origin;
    gateway.close = fake.close;
    gateway.requests = fake.requests;
  });
  afterAll(() => gateway.close());
  beforeEach(() => {
    gateway.requests.length = 0;
    gateway.handler = defaultHandler;
  });
  return gateway;
}

/** The request the job runner sends for this body: the card's upstream id, its wire switches, the chosen params. */
export function resolvedRequest(
  body: { model: string; operation: "generate" | "edit"; prompt: string; params: Record<string, unknown> },
  images: ProviderImageInput[] = [],
  mask?: ProviderImageInput,
): ProviderRequest {
  const ids = images.map(() => newId("ast"));
  const r = validateGenerationRequest({ ...body, ...(body.operation === "edit" ? { inputAssetIds: ids } : {}) });
  if (!r.ok) throw new Error(JSON.stringify(r.error.toBody()));
  const { card, operation, prompt, params } = r.value;
  return { model: card.upstreamId, operation, prompt, params, images, ...(mask ? { mask } : {}), wire: card.wire };
}

/** What a promise rejected with; fails the test when it resolved. */
export async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e,
  );
}

export async function upstreamFailure(p: Promise<unknown>): Promise<UpstreamError> {
  const e = await rejection(p);
  expect(e).toBeInstanceOf(UpstreamError);
  return e as UpstreamError;
}

/** `resolvedRequest` with a fixed prompt: `const providerRequest = requestsWith(PROMPT)`. */
export function requestsWith(prompt: string) {
  return (
    model: string,
    operation: "generate" | "edit",
    params: Record<string, unknown>,
    images: ProviderImageInput[] = [],
    mask?: ProviderImageInput,
  ): ProviderRequest => resolvedRequest({ model, operation, prompt, params }, images, mask);
}
