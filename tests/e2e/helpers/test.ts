import { test as base, type BrowserContext } from "@playwright/test";
import { installShiftedDate } from "../../helpers/clock/shifted-date.mjs";

// Browser tests run on the run's pinned clock (playwright.config.ts sets it for the app, the
// fakes and the workers); this puts every page on the same clock. Import `test` from here,
// never from @playwright/test, and call pinClock on any context a test opens itself.
export * from "@playwright/test";

const offsetMs = Number(process.env.TEST_CLOCK_OFFSET_MS ?? 0);

export async function pinClock(context: BrowserContext): Promise<BrowserContext> {
  await context.addInitScript(installShiftedDate, offsetMs);
  return context;
}

export const test = base.extend({
  context: async ({ context }, use) => {
    await use(await pinClock(context));
  },
});
