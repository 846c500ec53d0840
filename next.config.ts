import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Lets two builds coexist in one checkout (e.g. a second e2e run on another port); default `.next`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Loaded from node_modules at run time: lib/export/fast-crc32.ts patches the module yazl uses.
  serverExternalPackages: ["yazl"],
};

export default nextConfig;
