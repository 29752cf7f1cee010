import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { DEFAULT_TEST_NOW, ensureClockOffset, installShiftedDate } from "./shifted-date.mjs";

const pinned = Date.parse(process.env.TEST_NOW === "real" ? new Date().toISOString() : (process.env.TEST_NOW ?? DEFAULT_TEST_NOW));
// A whole run takes minutes; an unpinned clock would be months or years away.
const RUN_BUDGET_MS = 2 * 60 * 60 * 1000;

describe("the pinned test clock", () => {
  it("reads TEST_NOW in this worker, through Date.now() and new Date()", () => {
    expect(Math.abs(Date.now() - pinned)).toBeLessThan(RUN_BUDGET_MS);
    expect(Math.abs(new Date().getTime() - pinned)).toBeLessThan(RUN_BUDGET_MS);
  });

  it("reads the same instant in a child process the test starts", () => {
    const child = Number(execFileSync(process.execPath, ["-e", "process.stdout.write(String(Date.now()))"]).toString());
    expect(Math.abs(child - Date.now())).toBeLessThan(60_000);
  });

  it("keeps explicit dates, Date(), statics and instanceof intact", () => {
    expect(new Date(0).toISOString()).toBe("1970-01-01T00:00:00.000Z");
    expect(new Date("2027-02-28T15:00:00Z").getTime()).toBe(Date.parse("2027-02-28T15:00:00Z"));
    expect(new Date(2028, 1, 29).getDate()).toBe(29);
    expect(Date.UTC(2026, 11, 31)).toBe(Date.parse("2026-12-31T00:00:00Z"));
    expect(new Date() instanceof Date).toBe(true);
    expect(typeof Date()).toBe("string");
    // Own statics, because code that wraps Date again (Next.js does) copies own properties only.
    expect(Object.getOwnPropertyNames(Date)).toEqual(expect.arrayContaining(["UTC", "parse", "now"]));
  });

  it("computes one offset per run and refuses a malformed TEST_NOW", () => {
    const env: Record<string, string | undefined> = { TEST_NOW: "2028-02-29T15:00:00Z" };
    const offset = ensureClockOffset(env);
    expect(env.TEST_CLOCK_OFFSET_MS).toBe(String(offset));
    expect(env.NODE_OPTIONS).toContain("shifted-date.mjs");
    expect(ensureClockOffset(env)).toBe(offset); // children reuse it rather than recompute
    expect(() => ensureClockOffset({ TEST_NOW: "next tuesday" })).toThrow(/TEST_NOW must be an ISO instant/);
  });

  it("is installed once: a second install does not shift twice", () => {
    const before = Date.now();
    installShiftedDate(365 * 86_400_000);
    expect(Math.abs(Date.now() - before)).toBeLessThan(60_000);
  });
});
