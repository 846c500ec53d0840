export { MaskHistory, type MaskHistoryJSON, type Stroke, type Tool } from "./mask-history";
export { hasPaint, maskRgba, rasterizeCoverage } from "./rasterize";
export { CutoutHistory, type CutoutHistoryState, type CutoutParams, type CutoutSnapshot } from "./cutout-history";
