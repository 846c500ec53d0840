import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Uploads (up to 16 edit images) pass through route handlers; the handlers enforce their own caps.
  experimental: { serverActions: { bodySizeLimit: "2mb" } },
};

export default nextConfig;
