import type { NextConfig } from "next";

const dev = process.env.NODE_ENV !== "production";

/**
 * docs/api.md "Access": every answer carries nosniff; pages a CSP with `frame-ancestors 'none'` and
 * `Referrer-Policy: same-origin`. Scripts stay 'self' plus inline (Next.js inlines its hydration data;
 * nonces would make every page dynamic); dev adds 'unsafe-eval' for React's debugging. Images may be
 * data:/blob: (canvas masks, previews of picked files); nothing is loaded from another origin.
 */
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Lets two builds coexist in one checkout (e.g. a second e2e run on another port); default `.next`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Loaded from node_modules at run time: lib/export/fast-crc32.ts patches the module yazl uses.
  serverExternalPackages: ["yazl"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Content-Security-Policy", value: csp },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
