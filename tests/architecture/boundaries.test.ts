import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { findCycles, folderGraph, type FolderGraph } from "@/scripts/folder-cycles";

// The layer order of docs/decisions/065 is enforced by eslint.config.mjs; these lint a few
// imports as if they lived in the repo, so a rule that stopped firing would fail here.
const root = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId?.startsWith("boundaries/")).map((m) => m.message);
}

describe("dependency direction (ESLint boundaries)", () => {
  it("rejects an import that points up a layer", async () => {
    const errors = await boundaryErrors(
      "lib/db/upward.ts",
      'import { createHold } from "@/lib/booking/holds";\nexport const x = createHold;\n',
    );
    expect(errors).toEqual([expect.stringContaining("lib/db may not import lib/booking")]);
  });

  it("accepts an import that points down", async () => {
    expect(await boundaryErrors("lib/booking/downward.ts", 'import { db } from "@/lib/db";\nexport const x = db;\n')).toEqual([]);
  });

  it("rejects production code importing tests/", async () => {
    const errors = await boundaryErrors(
      "lib/admin/uses-fixture.ts",
      'import { useTestDatabase } from "@/tests/helpers/test-db";\nexport const x = useTestDatabase;\n',
    );
    expect(errors).toEqual([expect.stringContaining("lib/admin may not import tests")]);
  });

  it("lets components import server modules' types only", async () => {
    const typeOnly = 'import type { StartedBooking } from "@/lib/payments/start-booking";\nexport type X = StartedBooking;\n';
    const value = 'import { startBooking } from "@/lib/payments/start-booking";\nexport const x = startBooking;\n';
    expect(await boundaryErrors("components/contact/probe.tsx", typeOnly)).toEqual([]);
    expect(await boundaryErrors("components/contact/probe.tsx", value)).toEqual([
      expect.stringContaining("components may not import lib/payments"),
    ]);
  });

  it("keeps emails/ free of our modules", async () => {
    const errors = await boundaryErrors("emails/probe.tsx", 'import { env } from "@/lib/env";\nexport const x = env;\n');
    expect(errors).toEqual([expect.stringContaining("emails may not import lib/env")]);
  });
}, 120_000);

describe("folder cycles", () => {
  const graph = (edges: Record<string, string[]>): FolderGraph =>
    new Map(Object.entries(edges).map(([from, tos]) => [from, new Map(tos.map((to) => [to, `${from} -> ${to}`]))]));

  it("finds folders that reach each other, and only those", () => {
    const cycles = findCycles(graph({ a: ["b"], b: ["c"], c: ["a", "d"], d: [] }));
    expect(cycles).toEqual([["a", "b", "c"]]);
    expect(findCycles(graph({ a: ["b"], b: ["c"], c: [] }))).toEqual([]);
  });

  it("finds none in the repository's production code", () => {
    expect(findCycles(folderGraph(root))).toEqual([]);
  });
});
