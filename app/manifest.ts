import type { MetadataRoute } from "next";

// Served as /manifest.webmanifest and linked from every page by Next's file convention (no layout change).
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Atelier",
    short_name: "Atelier",
    description: "AI image studio for e-commerce teams",
    start_url: "/",
    display: "standalone",
    background_color: "#fafafa",
    theme_color: "#ffffff",
    icons: [
      { src: "/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: "/atelier-mark.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
    ],
  };
}
