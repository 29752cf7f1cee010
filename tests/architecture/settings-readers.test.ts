import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SETTING_NAMES } from "@/lib/env";

// Business settings are read only through settings() (lib/settings, ADR 100): a value read
// from env() ignores what the admin saved, so one page would show the default while the next
// shows the saved value. Only lib/env.ts (which parses them) and lib/settings/ (which layers
// the stored values over them) may read them from the environment.
const root = path.resolve(import.meta.dirname, "../..");
const SCANNED = ["app", "components", "emails", "lib", "scripts"];
const HOMES = /^(lib\/env\.ts|lib\/settings\/)/;
const SKIPPED = /(^lib\/db\/generated\/|\.test\.tsx?$)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const NAMES = SETTING_NAMES.join("|");

/** Lines reading a setting from env(): env().X, e.X where e = env(), { X } = env(), or env passed as a snapshot. */
function settingReads(text: string): string[] {
  const aliases = [...text.matchAll(/(?:const|let)\s+(\w+)\s*(?::\s*\w+)?\s*=\s*env\(\)/g)].map((m) => m[1]!);
  const patterns = [
    new RegExp(`\\benv\\(\\)\\s*\\.\\s*(${NAMES})\\b`),
    new RegExp(`\\{[^}]*\\b(${NAMES})\\b[^}]*\\}\\s*=\\s*env\\(\\)`),
    // env() handed to a helper that takes the settings snapshot.
    /\b(?:offeredMethods|roomFor|hostProfile|[a-z]\w*)\([^)]*\benv\(\)\s*[,)]/,
    ...aliases.flatMap((a) => [
      new RegExp(`\\b${a}\\s*\\.\\s*(${NAMES})\\b`),
      new RegExp(`\\b(?:offeredMethods|roomFor)\\([^)]*\\b${a}\\b`),
    ]),
  ];
  return text
    .split("\n")
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => patterns.some((p) => p.test(line)))
    .map(({ line, i }) => `${i + 1}: ${line.trim()}`);
}

describe("business settings are read through settings()", () => {
  it("the detector sees each way of reading a setting from env()", () => {
    expect(settingReads("const tz = env().BUSINESS_TIME_ZONE;")).toHaveLength(1);
    expect(settingReads("const e = env();\nreturn e.HOLD_MINUTES;")).toHaveLength(1);
    expect(settingReads("const { REFUND_POLICY, APP_URL } = env();")).toHaveLength(1);
    expect(settingReads("const e = env();\nofferedMethods(e);")).toHaveLength(1);
    expect(settingReads("const s = await settings();\nreturn [s.HOLD_MINUTES, env().APP_URL];")).toEqual([]);
  });

  it("no module outside lib/env.ts and lib/settings/ reads one from env()", () => {
    const files = SCANNED.flatMap((dir) => sourceFiles(path.join(root, dir)))
      .map((full) => path.relative(root, full))
      .filter((file) => !HOMES.test(file) && !SKIPPED.test(file));
    const found = files.flatMap((file) => settingReads(readFileSync(path.join(root, file), "utf8")).map((hit) => `${file}:${hit}`));
    expect(found).toEqual([]);
  });
});
