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

export function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : "n/a";
}
