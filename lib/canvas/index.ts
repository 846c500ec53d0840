export { MaskHistory, type Stroke, type Tool } from "./mask-history";
export { hasPaint, maskRgba, rasterizeCoverage } from "./rasterize";
export { CutoutHistory, type CutoutSnapshot } from "./cutout-history";
