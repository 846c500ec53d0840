/** Validation derived from the capability registry. Isomorphic: the panel and the server share it. */

export {
  generationRequestSchema,
  generationRequestSchemaFor,
  toIssues,
  validateGenerationRequest,
} from "./generation-request";
export type { CardLookup, GenerationValidation, ResolvedGenerationRequest } from "./generation-request";
export { imageCountIsCeiling, requestedImageCount, withImageCount } from "./image-count";
export { customSizeProblem, paramValueSchema, valueProblem } from "./param-schemas";
export {
  chosenParams,
  defaultParams,
  fillDefaults,
  paramState,
  sanitizeParamsForModel,
  unsupportedParam,
  validateParams,
  visibleParams,
} from "./params";
export type { ParamState, UnsupportedParam } from "./params";
export { appliesTo, conditionHolds, effectiveValue, ruleViolations } from "./rules";
export type { ParamValues } from "./rules";
