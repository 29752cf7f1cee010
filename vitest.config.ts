import { defineConfig } from "vitest/config";
import path from "node:path";
import { ensureClockOffset } from "./tests/helpers/clock/shifted-date.mjs";

// Integration tests (*.integration.test.ts) run once on embedded PGlite and, when
// TEST_DATABASE_URL is set, once more on real PostgreSQL (concurrency tests need it).
// Every worker and every process a test spawns runs on a clock pinned to TEST_NOW (default in
// tests/helpers/clock/shifted-date.mjs), so results do not depend on the calendar date.
ensureClockOffset();
const root = path.resolve(import.meta.dirname);
const shared = {
  resolve: {
    alias: {
      "@": root,
      "server-only": path.join(root, "tests/helpers/empty-module.ts"),
    },
  },
};
const integration = [
  "lib/**/*.integration.test.ts",
  "app/**/*.integration.test.ts",
  "scripts/**/*.integration.test.ts",
  "tests/**/*.integration.test.ts",
];

export default defineConfig({
  ...shared,
  test: {
    env: {
      LOG_LEVEL: "warn",
      NODE_ENV: "test",
      TEST_NOW: process.env.TEST_NOW!,
      TEST_CLOCK_OFFSET_MS: process.env.TEST_CLOCK_OFFSET_MS!,
      NODE_OPTIONS: process.env.NODE_OPTIONS!,
    },
    projects: [
      {
        ...shared,
        test: {
          name: "unit",
          include: [
            "lib/**/*.test.ts",
            "app/**/*.test.ts",
            "components/**/*.test.ts",
            "scripts/**/*.test.ts",
            "emails/**/*.test.tsx",
            "tests/**/*.test.ts",
          ],
          exclude: [...integration, "tests/e2e/**", "tests/process/**"],
          setupFiles: ["tests/helpers/setup.ts"],
          env: { LOG_LEVEL: "warn" },
          environment: "node",
        },
      },
      {
        ...shared,
        test: {
          name: "pglite",
          include: integration,
          setupFiles: ["tests/helpers/setup.ts"],
          env: { TEST_DB_KIND: "pglite", LOG_LEVEL: "warn" },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              ...shared,
              test: {
                name: "postgres",
                include: integration,
                setupFiles: ["tests/helpers/setup.ts"],
                env: { TEST_DB_KIND: "postgres", LOG_LEVEL: "warn" },
                testTimeout: 60_000,
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
    ],
  },
});
