import path from "node:path";
import { defineConfig } from "@playwright/test";
import base from "../../playwright.config";

// The app in Stripe mode against the fake Stripe API, which forwards its events to the
// app's webhook like `stripe listen` does. Build first, into its own folder:
//   NEXT_DIST_DIR=.next-stripe npx next build
//   NEXT_DIST_DIR=.next-stripe E2E_PORT=3102 npx playwright test -c tests/e2e-stripe/playwright.stripe.config.ts
// Specs read the port through E2E_PORT (tests/e2e/helpers/db.ts), so this config's default
// must reach them too: the config is loaded in every worker.
process.env.E2E_PORT ??= "3102";
const port = Number(process.env.E2E_PORT);
const stripePort = port + 9200;
export const FAKE_STRIPE_URL = `http://127.0.0.1:${stripePort}`;
export const FAKE_STRIPE_SECRET = "sk_test_e2e_fake_0123456789";
const webhookSecret = "whsec_e2e_fake_0123456789";
const root = path.resolve(import.meta.dirname, "../..");
const baseServer = Array.isArray(base.webServer) ? base.webServer[0]! : base.webServer!;

export default defineConfig({
  ...base,
  testDir: ".",
  testMatch: /.*\.spec\.ts/,
  outputDir: "../../test-results/stripe",
  use: { ...base.use, baseURL: `http://127.0.0.1:${port}` },
  webServer: [
    {
      command: `npx tsx tests/fakes/stripe/cli.ts --port ${stripePort} --forward-to http://127.0.0.1:${port}/api/webhooks/stripe --secret ${webhookSecret}`,
      cwd: root,
      url: `${FAKE_STRIPE_URL}/_fake/events`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      ...baseServer,
      cwd: root,
      command: `rm -rf .data/e2e-${port} && npm start -- -H 127.0.0.1 -p ${port}`,
      url: `http://127.0.0.1:${port}/api/health`,
      env: {
        ...baseServer.env,
        NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || ".next",
        EMBEDDED_DB_DIR: `.data/e2e-${port}/pglite`,
        APP_URL: `http://127.0.0.1:${port}`,
        STRIPE_SECRET_KEY: FAKE_STRIPE_SECRET,
        NEXT_PUBLIC_STRIPE_PUBLIC_KEY: "pk_test_e2e_fake_0123456789",
        STRIPE_WEBHOOK_SECRET: webhookSecret,
        STRIPE_API_BASE_URL: FAKE_STRIPE_URL,
      },
    },
  ],
});
