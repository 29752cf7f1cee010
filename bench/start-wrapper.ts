// Does `npm start` (scripts/start.ts: Next's custom-server API plus the forwarding-header
// pin, ADR 046) serve pages as fast as plain `next start`? Same build, same database, the two
// servers alternated twice so drift on a noisy machine hits both.
//   npx next build && BENCH_DATABASE_URL=postgresql://… npx tsx bench/start-wrapper.ts
import { createBenchDatabase, fmt, startApp, type AppServer } from "./lib/app-server";
import { load, type LoadResult } from "./lib/load";
import { seedAvailabilityData } from "./lib/seed";

const PATHS = ["/contact", "/lighthouse-baseline.html"];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

export async function startWrapperBench(): Promise<Record<string, unknown>> {
  const db = await createBenchDatabase();
  const port = Number(process.env.BENCH_PORT ?? 3203);
  const results: Record<string, LoadResult[]> = {};
  try {
    await seedAvailabilityData(db.url);
    for (const server of ["next-start", "npm-start", "next-start", "npm-start"] as AppServer[]) {
      const app = await startApp(db.url, port, {}, server);
      try {
        for (const path of PATHS) {
          await load(`${app.url}${path}`, { connections: 4, seconds: 2 }); // warm-up
          (results[`${server} ${path}`] ??= []).push(await load(`${app.url}${path}`, { connections: 4, seconds: SECONDS }));
        }
      } finally {
        await app.stop();
      }
    }
  } finally {
    await db.drop();
  }
  const summary: Record<string, unknown> = {};
  for (const path of PATHS) {
    const [plain, wrapped] = (["next-start", "npm-start"] as const).map((s) => {
      const runs = results[`${s} ${path}`]!;
      return {
        rps: runs.reduce((a, r) => a + r.rps, 0) / runs.length,
        p50: runs.reduce((a, r) => a + r.p50, 0) / runs.length,
        errors: runs.reduce((a, r) => a + r.errors + r.non2xx, 0),
      };
    });
    summary[path] = { nextStart: plain, npmStart: wrapped, rpsRatio: wrapped!.rps / plain!.rps };
    console.log(
      `${path}: next start ${fmt(plain!.rps)} req/s (p50 ${fmt(plain!.p50)} ms), npm start ${fmt(wrapped!.rps)} req/s (p50 ${fmt(wrapped!.p50)} ms), ratio ${fmt(wrapped!.rps / plain!.rps, 2)}; errors ${plain!.errors}/${wrapped!.errors}`,
    );
  }
  return summary;
}

if (import.meta.url === `file://${process.argv[1]}`) await startWrapperBench();
