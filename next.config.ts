import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Loaded from node_modules at run time: lib/export/fast-crc32.ts patches the module yazl uses.
  serverExternalPackages: ["yazl"],
  // Uploads (up to 16 edit images) pass through route handlers; the handlers enforce their own caps.
  experimental: { serverActions: { bodySizeLimit: "2mb" } },
};

export default nextConfig;
