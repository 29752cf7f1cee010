import { afterEach, beforeEach, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { installShiftedDate } from "./clock/shifted-date.mjs";

// The clock is pinned for every test (see clock/shifted-date.mjs); fail loudly if it is not.
const offset = Number(process.env.TEST_CLOCK_OFFSET_MS);
if (!Number.isFinite(offset)) throw new Error("TEST_CLOCK_OFFSET_MS is not set: run tests through vitest.config.ts");
installShiftedDate(offset);

// Any console.error during a test fails it: errors must be expected and asserted.
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
  resetEnvCache();
});
afterEach(() => {
  vi.restoreAllMocks();
  resetEnvCache();
  if (errors.length > 0) {
    const first = errors[0]!.map((a) => (a instanceof Error ? a.stack : String(a))).join(" ");
    throw new Error(`console.error was called during the test: ${first}`);
  }
});
