import "../../scripts/lib/bootstrap";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";

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

export function ensureBuilt(): void {
  const dir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(`${dir}/BUILD_ID`)) throw new Error(`No production build in ${dir}: run \`npx next build\` first.`);
}

export type AppServer = "npm-start" | "next-start";

export async function startApp(
  databaseUrl: string,
  port: number,
  extraEnv: Record<string, string> = {},
  server: AppServer = "npm-start",
): Promise<{ url: string; stop: () => Promise<void> }> {
  ensureBuilt();
  const [bin, args] =
    server === "npm-start" ? ["node_modules/.bin/tsx", ["scripts/start.ts"]] : ["node_modules/.bin/next", ["start"]];
  // Own process group, so stopping it also stops the processes it forks.
  const child: ChildProcess = spawn(bin, [...args, "-H", "127.0.0.1", "-p", String(port)], {
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      APP_URL: `http://127.0.0.1:${port}`,
      ALLOW_DEMO_PAYMENTS_IN_PRODUCTION: "true",
      AUTH_SECRET: "bench-secret-0123456789-0123456789-0123456789",
      SCHEDULER_ENABLED: "false",
      LOG_LEVEL: "error",
      ...extraEnv,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // Not up yet.
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${server} did not become healthy`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        process.kill(-child.pid!, "SIGTERM");
        setTimeout(() => {
          try {
            process.kill(-child.pid!, "SIGKILL");
          } catch {
            // Already gone.
          }
        }, 5000).unref();
      }),
  };
}

export function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : "n/a";
}
