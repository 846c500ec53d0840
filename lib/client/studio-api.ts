import type { Asset, AssetKind } from "@/lib/contracts/assets";
import type { ErrorCode } from "@/lib/errors";
import type { Generation, GenerationStatusView } from "@/lib/contracts/generations";
import type { GenerationBody } from "@/lib/contracts/generation-body";
import { api, ApiError } from "./api";

/** Typed calls of the studio routes the project page uses (docs/api.md). */

const gens = (projectId: string) => `/api/projects/${projectId}/generations`;

export const listGenerations = async (projectId: string): Promise<Generation[]> =>
  (await api<{ generations: Generation[] }>(`${gens(projectId)}?limit=50`)).generations;

export const createGeneration = async (projectId: string, body: GenerationBody): Promise<Generation> =>
  (await api<{ generation: Generation }>(gens(projectId), { method: "POST", body })).generation;

export const getGeneration = async (projectId: string, id: string): Promise<Generation> =>
  (await api<{ generation: Generation }>(`${gens(projectId)}/${id}`)).generation;

export const getGenerationStatus = (projectId: string, id: string): Promise<GenerationStatusView> =>
  api<GenerationStatusView>(`${gens(projectId)}/${id}/status`);

export const cancelGeneration = async (projectId: string, id: string): Promise<Generation> =>
  (await api<{ generation: Generation }>(`${gens(projectId)}/${id}/cancel`, { method: "POST" })).generation;

/** Retry the same request; with `model`, on that (replacement) model; with `missing`, only the images that did not come. */
export const retryGeneration = async (
  projectId: string,
  id: string,
  opts: { model?: string; missing?: boolean } = {},
): Promise<Generation> =>
  (
    await api<{ generation: Generation }>(`${gens(projectId)}/${id}/retry`, {
      method: "POST",
      ...(opts.model || opts.missing ? { body: opts } : {}),
    })
  ).generation;

/** Cancel every queued job of the project the user may cancel. */
export const cancelQueuedGenerations = (projectId: string) =>
  api<{ cancelled: string[]; skipped: number }>(`${gens(projectId)}/cancel-queued`, { method: "POST" });

export function listAssetPage(
  projectId: string,
  opts: { kind: AssetKind | null; cursor: string | null; limit: number },
) {
  const q = new URLSearchParams({ limit: String(opts.limit) });
  if (opts.kind) q.set("kind", opts.kind);
  if (opts.cursor) q.set("cursor", opts.cursor);
  return api<{ assets: Asset[]; nextCursor: string | null }>(`/api/projects/${projectId}/assets?${q}`);
}

export const getAsset = async (id: string): Promise<Asset> => (await api<{ asset: Asset }>(`/api/assets/${id}`)).asset;

export const deleteAsset = (id: string): Promise<void> => api<void>(`/api/assets/${id}`, { method: "DELETE" });

/** The route takes at most 1000 ids a call. */
export async function bulkDeleteAssets(ids: string[]): Promise<{ deleted: string[]; notFound: string[] }> {
  const out = { deleted: [] as string[], notFound: [] as string[] };
  for (let i = 0; i < ids.length; i += 1000) {
    const r = await api<{ deleted: string[]; notFound: string[] }>("/api/assets/bulk-delete", {
      method: "POST",
      body: { assetIds: ids.slice(i, i + 1000) },
    });
    out.deleted.push(...r.deleted);
    out.notFound.push(...r.notFound);
  }
  return out;
}

export type { ExportFormat } from "@/lib/contracts/export-formats";
import type { ExportFormat } from "@/lib/contracts/export-formats";

export const createExport = (format: ExportFormat, assetIds: string[]) =>
  api<{ exportId: string; downloadUrl: string; count: number }>("/api/exports", {
    method: "POST",
    body: { format, assetIds },
  });

/** Multipart upload of several files at once (all or nothing on the server). */
export async function uploadFiles(projectId: string, files: File[]): Promise<Asset[]> {
  const form = new FormData();
  for (const f of files) form.append("file", f, f.name);
  let res: Response;
  try {
    res = await fetch(`/api/projects/${projectId}/assets`, { method: "POST", body: form });
  } catch {
    throw new ApiError("network", "Network error", 0);
  }
  const data = (await res.json().catch(() => null)) as {
    assets?: Asset[];
    error?: { code: ErrorCode; message: string; details?: Record<string, unknown> };
  } | null;
  if (!res.ok)
    throw new ApiError(
      data?.error?.code ?? "internal",
      data?.error?.message ?? `HTTP ${res.status}`,
      res.status,
      data?.error?.details ?? {},
    );
  return data?.assets ?? [];
}

/** Start a browser download of a URL the server answers with `Content-Disposition: attachment`. */
export function downloadUrl(url: string, filename = ""): void {
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
}
