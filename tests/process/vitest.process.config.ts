import path from "node:path";
import { defineConfig } from "vitest/config";
import base from "../../vitest.config.ts";

// Process tests start production servers from an existing build, so they run on their own,
// after `npx next build` (scripts/test-all.sh), never inside the default `vitest run`:
//   TEST_DATABASE_URL=postgresql://… npx vitest run -c tests/process/vitest.process.config.ts
export default defineConfig({
  root: path.resolve(import.meta.dirname, "../.."),
  resolve: base.resolve,
  test: {
    include: ["tests/process/**/*.process.test.ts"],
    setupFiles: ["tests/helpers/setup.ts"],
    env: { LOG_LEVEL: "warn", NODE_ENV: "test" },
    environment: "node",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
