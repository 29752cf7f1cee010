// Folder-level import cycles (docs/decisions/065): ESLint's boundaries rule checks each import's
// direction, but two folders on the same layer may still import each other. This walks every
// production source file's imports (type imports too), folds them into a folder graph and fails
// when folders form a cycle. Tests, tests/ and bench/ sit on top of everything and are left out.
// Usage: tsx scripts/folder-cycles.ts [--graph]
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOTS = ["app", "components", "emails", "lib", "scripts"];
const EXTENSIONS = [".ts", ".tsx", "/index.ts", "/index.tsx"];

/** lib/<folder> (or lib/<file> for a loose module); the other roots count as one folder each. */
export function folderOf(file: string): string {
  const parts = file.split("/");
  if (parts[0] === "lib" && parts.length > 1) return `lib/${parts[1]!.replace(/\.tsx?$/, "")}`;
  return parts[0]!;
}

function sourceFiles(root: string, dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === "node_modules" || rel === "lib/db/generated" ? [] : sourceFiles(root, rel);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

function resolve(root: string, from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = spec.slice(2);
  else if (spec.startsWith(".")) base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  else return null;
  const stripped = base.replace(/\.tsx?$/, "");
  for (const ext of ["", ...EXTENSIONS]) {
    const candidate = stripped + ext;
    if (fs.existsSync(path.join(root, candidate)) && fs.statSync(path.join(root, candidate)).isFile()) return candidate;
  }
  return fs.existsSync(path.join(root, base)) ? base : null;
}

export type FolderGraph = Map<string, Map<string, string>>; // folder -> (imported folder -> one example "file -> import")

export function folderGraph(root: string): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const file of ROOTS.flatMap((r) => sourceFiles(root, r))) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(path.join(root, file), "utf8"), true, true);
    for (const { fileName } of importedFiles) {
      const target = resolve(root, file, fileName);
      if (!target || target.startsWith("lib/db/generated")) continue;
      const to = folderOf(target);
      if (to !== from && !edges.has(to)) edges.set(to, `${file} -> ${fileName}`);
    }
  }
  return graph;
}

/** Folders that reach each other (strongly connected components of more than one folder). */
export function findCycles(graph: FolderGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components;
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const root = path.resolve(import.meta.dirname, "..");
  const graph = folderGraph(root);
  if (process.argv.includes("--graph")) {
    for (const [from, edges] of [...graph].sort()) console.log(`${from} -> ${[...edges.keys()].sort().join(", ")}`);
  }
  const cycles = findCycles(graph);
  for (const cycle of cycles) {
    console.error(`folder cycle among: ${cycle.join(", ")}`);
    for (const from of cycle) {
      for (const [to, example] of graph.get(from) ?? []) if (cycle.includes(to)) console.error(`  ${from} -> ${to}: ${example}`);
    }
  }
  if (cycles.length > 0) process.exit(1);
  console.log(`folder-cycles: no cycle among ${graph.size} folders`);
}
