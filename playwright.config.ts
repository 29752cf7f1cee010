import { defineConfig, devices } from "@playwright/test";
import { existsSync } from "node:fs";
import { ensureClockOffset } from "./tests/helpers/clock/shifted-date.mjs";

// Drives the production build in Debian's Chromium (nothing is downloaded). On a laptop
// without /usr/bin/chromium, Playwright's own browser is used instead.
// The app, the fakes, the workers and (through tests/e2e/helpers/test.ts) every page run on
// one clock pinned to TEST_NOW, so the suite passes the same way on any calendar date.
ensureClockOffset();
const port = Number(process.env.E2E_PORT ?? 3100);
const chromium = "/usr/bin/chromium";
export const E2E_DATA_DIR = `.data/e2e-${port}/pglite`;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: existsSync(chromium)
      ? {
          executablePath: chromium,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        }
      : {},
  },
  webServer: {
    // npm start (scripts/start.ts) pins the client address to the socket's (TRUST_PROXY=none),
    // so every test arrives as 127.0.0.1 and shares that address's limits.
    command: `rm -rf .data/e2e-${port} && npm start -- -H 127.0.0.1 -p ${port}`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NEXT_TELEMETRY_DISABLED: "1",
      TEST_NOW: process.env.TEST_NOW!,
      TEST_CLOCK_OFFSET_MS: process.env.TEST_CLOCK_OFFSET_MS!,
      NODE_OPTIONS: process.env.NODE_OPTIONS!,
      EMBEDDED_DB_DIR: E2E_DATA_DIR,
      APP_URL: `http://127.0.0.1:${port}`,
      ALLOW_DEMO_PAYMENTS_IN_PRODUCTION: "true",
      SCHEDULER_ENABLED: "false",
      RATE_LIMIT_HOLDS_PER_IP: "1000",
      RATE_LIMIT_HOLDS_PER_EMAIL: "1000",
      RATE_LIMIT_MANAGE_PER_IP: "100000",
      RATE_LIMIT_LOGIN_PER_ACCOUNT: "1000",
      RATE_LIMIT_PAYMENT_CHECKS_PER_IP: "100000",
      RATE_LIMIT_PAYMENT_CHECKS_PER_BOOKING: "1000",
      CRON_SECRET: "e2e-cron-secret",
      AUTH_SECRET: "e2e-secret-0123456789-0123456789-0123456789",
      ADMIN_NOTIFY_EMAIL: "owner@example.com",
      LOG_LEVEL: "warn",
    },
  },
});
