import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Browser tests only see the pinned clock through tests/e2e/helpers/test.ts: a spec that
// imports Playwright's own `test`, or opens a context without pinClock, runs on today's date.
const root = path.resolve(import.meta.dirname, "../../..");
const specDirs = ["tests/e2e", "tests/e2e-stripe"];

function files(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(path.join(dir, d.name)) : d.name.endsWith(".ts") ? [path.join(dir, d.name)] : [],
  );
}

describe("browser tests run on the pinned clock", () => {
  const all = specDirs.flatMap(files).filter((f) => !f.endsWith("helpers/test.ts") && !f.endsWith(".config.ts"));

  it("finds the specs", () => {
    expect(all.filter((f) => f.endsWith(".spec.ts")).length).toBeGreaterThan(10);
  });

  it.each(all)("%s takes test from the clock-pinning fixture", (file) => {
    const text = readFileSync(path.join(root, file), "utf8");
    expect(text).not.toMatch(/from "@playwright\/test"/);
    // Each context a test opens itself goes through pinClock within its statement.
    for (const { index: at } of Array.from(text.matchAll(/browser\.newContext\(/g))) {
      expect(text.slice(at, text.indexOf(";", at))).toContain("pinClock");
    }
  });
});
