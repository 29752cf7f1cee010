import { afterEach, beforeEach, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";

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
