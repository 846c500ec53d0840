/** Set by proxy.ts so server components know the path they render (for the sign-in page's `next`). */
export const PATH_HEADER = "x-atelier-path";
