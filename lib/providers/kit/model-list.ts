import "server-only";
import { z } from "zod";
import { UpstreamError } from "@/lib/errors";
import { withDeadline } from "../transport";
import type { ListedModel, ProviderConfig } from "../types";
import { redactorFor } from "./redact";

/**
 * Reading a gateway's model list (docs/upstreams.md §J.2), shared by the providers that have one. Each
 * provider names its path, headers and how its entries read; failures are UpstreamErrors that never
 * carry the key. A list is small: its own short deadline, not the image timeout.
 */

export const MODEL_LIST_TIMEOUT_MS = 10_000;
const MAX_LIST_BYTES = 4 * 1024 * 1024;

export const openAiListSchema = z.looseObject({
  data: z.array(z.looseObject({ id: z.string().min(1), shutdown_date: z.string().nullish() })),
});

export const geminiListSchema = z.looseObject({
  models: z.array(z.looseObject({ name: z.string().min(1) })).default([]),
});

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
export const listedDate = (v: string | null | undefined): string | null => (v && DATE_RE.test(v) ? v : null);

export async function fetchModelList<S extends z.ZodType>(
  config: ProviderConfig,
  path: string,
  headers: Record<string, string>,
  schema: S,
  signal?: AbortSignal,
): Promise<z.output<S>> {
  const url = `${config.baseUrl.replace(/\/+$/, "")}${path}`;
  const redact = redactorFor(config.apiKey);
  const fetchImpl = config.fetch ?? fetch;
  const text = await withDeadline(MODEL_LIST_TIMEOUT_MS, signal, "model list", async (s) => {
    const res = await fetchImpl(url, { method: "GET", headers, signal: s });
    const body = await res.text();
    if (!res.ok)
      throw new UpstreamError("upstream_unavailable", `the model list answered ${res.status}`, {
        httpStatus: res.status,
      });
    if (body.length > MAX_LIST_BYTES) throw new UpstreamError("upstream_bad_response", "the model list is too large");
    return body;
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UpstreamError("upstream_bad_response", "the model list is not JSON");
  }
  const r = schema.safeParse(json);
  if (!r.success) throw new UpstreamError("upstream_bad_response", redact("the model list has an unexpected shape"));
  return r.data;
}

export type { ListedModel };
