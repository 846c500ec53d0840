/** Validating a generation body the way the route does, for the card tests: the error, or its issue paths. */
import { newId } from "@/lib/ids";
import type { Operation } from "@/lib/models";
import { validateGenerationRequest } from "@/lib/validation";

export function request(
  model: string,
  operation: Operation,
  params: Record<string, unknown>,
  images = operation === "edit" ? 1 : 0,
) {
  const ids = Array.from({ length: images }, () => newId("ast"));
  return validateGenerationRequest({
    model,
    operation,
    prompt: "a ceramic mug",
    params,
    ...(images ? { inputAssetIds: ids } : {}),
  });
}

/** null when accepted, else the error body. */
export const accepts = (model: string, op: Operation, params: Record<string, unknown>, images?: number) => {
  const r = request(model, op, params, images);
  return r.ok ? null : r.error.toBody().error;
};

/** [] when accepted; the issue paths of an invalid_request; else the error code. */
export const issuePaths = (model: string, op: Operation, params: Record<string, unknown>, images?: number) => {
  const r = request(model, op, params, images);
  if (r.ok) return [];
  return r.error.code === "invalid_request"
    ? (r.error.details.issues as { path: string }[]).map((i) => i.path)
    : [r.error.code];
};
