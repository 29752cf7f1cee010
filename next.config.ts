import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Lets parallel builds (e.g. two browser-test runs) use separate output folders.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // PGlite ships WASM and data files that must be loaded from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket"],
  // The embed script's URL never changes (sites paste it once), so it is cached briefly and
  // revalidated, never for long: a fix reaches every site within the hour (docs/embed.md).
  async headers() {
    return [{ source: "/embed.js", headers: [{ key: "Cache-Control", value: "public, max-age=3600, stale-while-revalidate=86400" }] }];
  },
  experimental: {
    // Every form here is a few kB. Next counts server action bodies as they stream in and
    // answers 413 past the limit. The proxy (pages only, not /api) buffers a copy of each
    // body up to its own limit, kept above the action limit so the action still sees the
    // overflow and refuses it rather than a silently truncated body (ADR 050).
    serverActions: { bodySizeLimit: "128kb" },
    proxyClientMaxBodySize: "256kb",
  },
};

export default nextConfig;
