import type { ModelCard, Operation } from "@/lib/models/types";
import { paramState, visibleParams, type ParamValues } from "@/lib/validation";

/**
 * The one builder of a `POST …/generations` body in the browser: the prompt panel, the inpaint editor
 * and retries with a replacement model send what it builds. Only the values the user chose, minus
 * those a rule locks right now; the server adds nothing but the card's `alwaysSend` params.
 */

export interface GenerationBody {
  model: string;
  operation: Operation;
  prompt: string;
  params: ParamValues;
  inputAssetIds?: string[];
  maskAssetId?: string;
}

export interface GenerationDraft {
  card: ModelCard;
  operation: Operation;
  prompt: string;
  values: ParamValues;
  inputAssetIds: string[];
  maskAssetId?: string;
}

/** What is sent: visible params that hold a value and are not locked by a rule right now. */
export function submittableParams(card: ModelCard, operation: Operation, values: ParamValues): ParamValues {
  const out: ParamValues = {};
  for (const name of visibleParams(card, operation)) {
    if (values[name] === undefined) continue;
    if (paramState(card, operation, values, name).locked) continue;
    out[name] = values[name];
  }
  return out;
}

export function buildGenerationBody(d: GenerationDraft): GenerationBody {
  const body: GenerationBody = {
    model: d.card.id,
    operation: d.operation,
    prompt: d.prompt,
    params: submittableParams(d.card, d.operation, d.values),
  };
  if (d.operation === "edit") body.inputAssetIds = d.inputAssetIds;
  if (d.operation === "edit" && d.maskAssetId) body.maskAssetId = d.maskAssetId;
  return body;
}
