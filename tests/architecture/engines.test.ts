import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";

// package.json's `engines.node` must be true for every installed package: each Node version
// it accepts must be one every dependency accepts too (issue 15; ADR 088).

type Manifest = { name?: string; version?: string; engines?: { node?: unknown } };

function* manifests(dir: string): Generator<Manifest> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    // Linked packages (an override's local folder) count too.
    const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && statSync(path).isDirectory());
    if (!isDirectory || entry.name.startsWith(".")) continue;
    if (entry.name.startsWith("@")) {
      yield* manifests(path);
      continue;
    }
    const manifest = join(path, "package.json");
    if (existsSync(manifest)) yield JSON.parse(readFileSync(manifest, "utf8")) as Manifest;
    const nested = join(path, "node_modules");
    if (existsSync(nested)) yield* manifests(nested);
  }
}

const declared = (JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } }).engines.node;

describe("declared Node engines", () => {
  it("accept the Node running the tests", () => {
    expect(semver.satisfies(process.versions.node, declared)).toBe(true);
  });

  it("promise nothing an installed package refuses", () => {
    const refused: string[] = [];
    for (const m of manifests("node_modules")) {
      const range = m.engines?.node;
      if (typeof range !== "string" || !semver.validRange(range)) continue;
      if (!semver.subset(declared, range)) refused.push(`${m.name}@${m.version} wants node ${range}`);
    }
    expect(refused).toEqual([]);
  });
});
