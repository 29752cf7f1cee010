// Prisma 6.19 in WASM mode with an in-memory PGlite: enough for `migrate diff` offline.
import { defineConfig } from "prisma/config";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  async adapter() {
    return new PrismaPGlite(new PGlite());
  },
} as never);
