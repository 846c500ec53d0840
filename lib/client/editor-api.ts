import type { AssetSession, SessionKind } from "@/lib/canvas/sessions";
import type { Asset } from "@/lib/contracts/assets";
import type { ErrorCode } from "@/lib/errors";
import type { Generation } from "@/lib/contracts/generations";
import { api, ApiError } from "./api";

/** Upload one file; answers the stored asset (the server checks type, size and pixels). */
export async function uploadOne(projectId: string, file: Blob, name: string, kind: "upload" | "mask"): Promise<Asset> {
  const form = new FormData();
  form.append("file", file, name);
  form.append("kind", kind);
  let res: Response;
  try {
    res = await fetch(`/api/projects/${projectId}/assets`, { method: "POST", body: form });
  } catch {
    throw new ApiError("network", "Network error", 0);
  }
  const body = (await res.json().catch(() => null)) as {
    assets?: Asset[];
    error?: { code: never; message: string };
  } | null;
  if (!res.ok || !body?.assets)
    throw new ApiError(body?.error?.code ?? "internal", body?.error?.message ?? `HTTP ${res.status}`, res.status);
  return body.assets[0];
}

export const localCutout = async (assetId: string, params: Record<string, unknown>): Promise<Asset> =>
  (await api<{ asset: Asset }>(`/api/assets/${assetId}/cutout`, { method: "POST", body: { mode: "local", params } }))
    .asset;

export const aiCutout = async (assetId: string, model: string): Promise<Generation> =>
  (
    await api<{ generation: Generation }>(`/api/assets/${assetId}/cutout`, {
      method: "POST",
      body: { mode: "ai", model },
    })
  ).generation;

/** An asset's mask history or cutout session as the server keeps it (null: none saved yet). */
export const getSession = async (assetId: string, kind: SessionKind): Promise<AssetSession | null> =>
  (await api<{ session: AssetSession | null }>(`/api/assets/${assetId}/sessions/${kind}`)).session;

/** Browsers refuse a keepalive request whose body passes 64 KiB (all of a page's keepalive bodies together). */
const KEEPALIVE_MAX_BYTES = 60 * 1024;

/**
 * Save a session based on `baseVersion` (the version this browser last saw; null: none). A stale base is a 409
 * ApiError whose `details.current` is the stored session. `keepalive` (the page is going away) sends it so it
 * outlives the page where the body is small enough for that; a larger one is sent plainly and may not arrive.
 */
export async function putSession(
  assetId: string,
  kind: SessionKind,
  data: Record<string, unknown>,
  baseVersion: number | null,
  opts: { keepalive?: boolean } = {},
): Promise<AssetSession> {
  const body = JSON.stringify({ data, baseVersion });
  const keepalive = opts.keepalive === true && new Blob([body]).size <= KEEPALIVE_MAX_BYTES;
  let res: Response;
  try {
    res = await fetch(`/api/assets/${assetId}/sessions/${kind}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body,
      keepalive,
    });
  } catch {
    throw new ApiError("network", "Network error", 0);
  }
  const answer = (await res.json().catch(() => null)) as {
    session?: AssetSession;
    error?: { code: ErrorCode; message: string; details?: Record<string, unknown> };
  } | null;
  if (!res.ok || !answer?.session) {
    // A save in the background never navigates away on its own; the next read (api()) leads to sign-in.
    const e = answer?.error;
    throw new ApiError(e?.code ?? "internal", e?.message ?? `HTTP ${res.status}`, res.status, e?.details ?? {});
  }
  return answer.session;
}
