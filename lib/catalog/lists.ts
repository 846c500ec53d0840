import "server-only";
import type { ProviderCatalogState } from "@/lib/contracts/models";
import { env } from "@/lib/env";
import { UpstreamError } from "@/lib/errors";
import { PROVIDERS } from "@/lib/providers";
import type { GatewayId } from "@/lib/providers/gateways";
import type { ProviderId } from "@/lib/providers/types";

/**
 * What each gateway's model list said, read at start, every MODEL_LIST_TTL_S, on demand
 * (`POST /api/models/refresh`) and when an upstream answers that a model is gone. A list that cannot be
 * read never blocks work: its models are `unknown`, and a failed read is tried again soon.
 */

export interface ListState extends ProviderCatalogState {
  /** Listed ids → the gateway's shutdown date; null while no list was read. */
  listed: Map<string, string | null> | null;
  /** False for an upstream that publishes no list (Ark). */
  hasList: boolean;
  attemptedAt: number;
}

const RETRY_FAILED_MS = 2_000;
/** The first read after start is waited for this long, no longer (the page or the job goes on with `unknown`). */
const FIRST_READ_WAIT_MS = 3_000;

const slot = globalThis as unknown as {
  __atelierLists?: { states: Map<ProviderId, ListState>; inflight: Promise<void> | null; version: number };
};
const store = () => (slot.__atelierLists ??= { states: new Map(), inflight: null, version: 0 });

/** Bumped whenever what the lists say changes: the catalog is rebuilt only then. */
export const listsVersion = () => store().version;
function setState(id: ProviderId, state: ListState): void {
  store().states.set(id, state);
  store().version++;
}

function blank(hasList: boolean): ListState {
  const error = hasList ? "not read yet" : "this upstream publishes no model list";
  return { refreshedAt: null, ok: false, error, listed: null, hasList, attemptedAt: 0 };
}

export function listState(id: ProviderId): ListState {
  const entry = PROVIDERS.find((p) => p.id === id);
  return store().states.get(id) ?? blank(Boolean(entry?.module.listModels));
}

async function readOne(id: ProviderId, gateway: GatewayId | undefined): Promise<void> {
  const entry = PROVIDERS.find((p) => p.id === id)!;
  const resolved = entry.resolveConfig(gateway);
  const previous = listState(id);
  if (!entry.module.listModels || !resolved.configured) {
    setState(id, { ...blank(Boolean(entry.module.listModels)), attemptedAt: Date.now() });
    return;
  }
  try {
    const models = await entry.module.listModels(resolved.config);
    const listed = new Map(models.map((m) => [m.id, m.shutdownDate]));
    setState(id, {
      refreshedAt: new Date().toISOString(),
      ok: true,
      error: null,
      listed,
      hasList: true,
      attemptedAt: Date.now(),
    });
  } catch (e) {
    // UpstreamError messages never carry the key; anything else is summarised.
    const error = e instanceof UpstreamError ? e.message : "the model list could not be read";
    setState(id, { ...previous, ok: false, error, listed: null, attemptedAt: Date.now() });
  }
}

/** Read every provider's list again (deduplicated while one read is in flight). */
export function refreshLists(gateway?: GatewayId): Promise<void> {
  const s = store();
  s.inflight ??= Promise.all(PROVIDERS.map((p) => readOne(p.id, gateway))).then(
    () => void (s.inflight = null),
    () => void (s.inflight = null),
  );
  return s.inflight;
}

function stale(state: ListState, now: number): boolean {
  if (!state.hasList) return state.attemptedAt === 0;
  if (!state.ok) return now - state.attemptedAt >= RETRY_FAILED_MS;
  return now - state.attemptedAt >= env().MODEL_LIST_TTL_S * 1000;
}

/**
 * Keep the lists fresh: a stale list is re-read in the background; while no list was ever read, the
 * caller waits for the first read (at most a few seconds).
 */
export async function ensureLists(gateway?: GatewayId): Promise<void> {
  const now = Date.now();
  const states = PROVIDERS.map((p) => listState(p.id));
  if (!states.some((st) => stale(st, now))) return;
  const reading = refreshLists(gateway);
  if (states.every((st) => st.attemptedAt > 0)) return;
  await Promise.race([reading, new Promise((r) => setTimeout(r, FIRST_READ_WAIT_MS).unref?.())]);
}

/** An upstream answered that it has no channel for `id`: take it off the list until the next read says otherwise. */
export function markMissing(id: ProviderId, modelId: string): void {
  const state = store().states.get(id);
  if (state?.listed?.delete(modelId)) store().version++;
}

/** Forget every list (tests; a gateway change). */
export function resetLists(): void {
  slot.__atelierLists = { states: new Map(), inflight: null, version: (slot.__atelierLists?.version ?? 0) + 1 };
}
