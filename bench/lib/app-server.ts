import "../../scripts/lib/bootstrap";
import { startProductionServer, type ProductionServerKind } from "../../tests/helpers/production-server";

// Benchmarks run against the production build on real PostgreSQL: a fresh database per
// run (created on the server in BENCH_DATABASE_URL or TEST_DATABASE_URL), migrated, then
// the production server (`npm start`, i.e. scripts/start.ts) pointed at it.

export function baseDatabaseUrl(): string {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server for the benchmarks.");
  return url;
}

export async function createBenchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const { createScratchDatabase } = await import("../../tests/helpers/scratch-database");
  return createScratchDatabase(baseDatabaseUrl(), "bench");
}

export type { ProductionServerKind as AppServer } from "../../tests/helpers/production-server";

export async function startApp(
  databaseUrl: string,
  port: number,
  extraEnv: Record<string, string> = {},
  server: ProductionServerKind = "npm-start",
): Promise<{ url: string; stop: () => Promise<void> }> {
  return startProductionServer({
    port,
    server,
    env: {
      DATABASE_URL: databaseUrl,
      ALLOW_DEMO_PAYMENTS_IN_PRODUCTION: "true",
      AUTH_SECRET: "bench-secret-0123456789-0123456789-0123456789",
      SCHEDULER_ENABLED: "false",
      LOG_LEVEL: "error",
      ...extraEnv,
    },
  });
}

/**
 * This build's server on `port`, and one per other build folder in BENCH_COMPARE_DIST (comma-
 * separated, e.g. `.next-before` made with NEXT_DIST_DIR before a change) on the ports after it,
 * all on one database: a change's before and after, measured side by side in one run.
 */
export async function startBuilds(databaseUrl: string, port: number): Promise<{ label: string; url: string; stop: () => Promise<void> }[]> {
  const dists = ["", ...(process.env.BENCH_COMPARE_DIST ?? "").split(",").filter(Boolean)];
  const builds = [];
  for (const [i, dist] of dists.entries())
    builds.push({ label: dist || "this build", ...(await startApp(databaseUrl, port + i, dist ? { NEXT_DIST_DIR: dist } : {})) });
  return builds;
}

/** `runs` timings (ms) of `fn`, after 3 warm-up calls (connections, plans, JIT). */
export async function timedRuns(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  for (let i = 0; i < 3; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : "n/a";
}
