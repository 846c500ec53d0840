export { MaskHistory, sameStrokes, type MaskHistoryJSON, type Stroke, type Tool } from "./mask-history";
export { hasPaint, maskRgba, rasterizeCoverage } from "./rasterize";
export { CutoutHistory, type CutoutHistoryState, type CutoutParams, type CutoutSnapshot } from "./cutout-history";
export {
  isSessionKind,
  nestsDeeperThan,
  SESSION_KINDS,
  SESSION_MAX_BYTES,
  SESSION_MAX_DEPTH,
  type AssetSession,
  type SessionKind,
} from "./sessions";
