import type { Asset } from "@/lib/contracts/assets";
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
