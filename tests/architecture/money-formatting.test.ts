import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// One money formatter (lib/format.ts, ADR 069): "$10" on the site, in emails, in admin and in
// error messages alike. Anything else that turns cents into text is a second formatter.
const root = path.resolve(import.meta.dirname, "../..");
const SCANNED = ["app", "components", "emails", "lib", "scripts"];
const HOME = "lib/format.ts";
const SKIPPED = /(^lib\/db\/generated\/|\.test\.tsx?$|__snapshots__)/;

const SECOND_FORMATTERS: { name: string; pattern: RegExp }[] = [
  { name: "toFixed on an amount", pattern: /\.toFixed\(/ },
  { name: "a currency NumberFormat", pattern: /Intl\.NumberFormat|style:\s*["']currency["']/ },
  { name: "cents divided into units", pattern: /cents\)?\s*\/\s*100\b/i },
  { name: "a currency code printed beside an amount", pattern: /\$\{[^}]*[Cc]ents[^}]*\}\s*\$\{[^}]*currency/ },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

/** Every file:line that formats money without lib/format.ts. */
function offenders(files: { file: string; text: string }[]): string[] {
  return files.flatMap(({ file, text }) =>
    text
      .split("\n")
      .flatMap((line, i) => SECOND_FORMATTERS.filter((f) => f.pattern.test(line)).map((f) => `${file}:${i + 1} ${f.name}: ${line.trim()}`)),
  );
}

describe("money is formatted in one place", () => {
  it("no module outside lib/format.ts formats cents itself", () => {
    const files = SCANNED.flatMap((dir) => sourceFiles(path.join(root, dir)))
      .map((full) => path.relative(root, full))
      .filter((file) => file !== HOME && !SKIPPED.test(file))
      .map((file) => ({ file, text: readFileSync(path.join(root, file), "utf8") }));
    expect(files.length).toBeGreaterThan(100);
    expect(offenders(files)).toEqual([]);
  });

  it("would catch the formatters it looks for", () => {
    const samples = [
      "const label = (amountCents / 100).toFixed(2);",
      'new Intl.NumberFormat("en-US", { style: "currency", currency }).format(x);',
      "`At most ${remainingCents / 100} can still be refunded`",
      "`${amountCents} ${currency}`",
    ];
    for (const text of samples) expect(offenders([{ file: "probe.ts", text }]), text).not.toEqual([]);
    expect(offenders([{ file: "ok.ts", text: "formatMoney(remainingCents, payment.currency)" }])).toEqual([]);
  });
});
