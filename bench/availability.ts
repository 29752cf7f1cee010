// Availability under load: GET /api/slots/available and /api/slots?date= against a trivial
// static JSON route in the same server, on the production build and real PostgreSQL.
//   npx next build && BENCH_DATABASE_URL=postgresql://… npx tsx bench/availability.ts
import { createBenchDatabase, fmt, startApp } from "./lib/app-server";
import { load, type LoadResult } from "./lib/load";
import { seedAvailabilityData } from "./lib/seed";

export async function availabilityBench(): Promise<Record<string, unknown>> {
  const db = await createBenchDatabase();
  const app = await startApp(db.url, Number(process.env.BENCH_PORT ?? 3200));
  try {
    await seedAvailabilityData(db.url);
    const dates = (await (await fetch(`${app.url}/api/slots/available`)).json()) as { dates: { date: string }[] };
    const date = dates.dates[Math.floor(dates.dates.length / 2)]!.date;
    const options = { connections: 16, seconds: Number(process.env.BENCH_SECONDS ?? 8) };
    const routes = { static: "/api/ping", available: "/api/slots/available", byDate: `/api/slots?date=${date}` };
    for (const path of Object.values(routes)) await load(`${app.url}${path}`, { connections: 4, seconds: 1 }); // warm-up
    const results: Record<string, LoadResult> = {};
    for (const [name, path] of Object.entries(routes)) results[name] = await load(`${app.url}${path}`, options);
    const base = results.static!;
    console.log(`availability: ${dates.dates.length} bookable dates; load ${options.connections} connections x ${options.seconds}s`);
    for (const [name, r] of Object.entries(results)) {
      console.log(
        `  ${name.padEnd(9)} ${fmt(r.rps, 0).padStart(6)} req/s  ratio ${fmt(r.rps / base.rps, 2)}  p50 ${fmt(r.p50)} ms  p99 ${fmt(r.p99)} ms  errors ${r.errors + r.non2xx}`,
      );
    }
    const verdict = (r: LoadResult) => r.rps / base.rps >= 0.5 && r.p99 <= 50 && r.errors + r.non2xx === 0;
    console.log(
      `  target (>= 0.5 of static req/s, p99 <= 50 ms): available ${verdict(results.available!) ? "met" : "MISSED"}, by date ${verdict(results.byDate!) ? "met" : "MISSED"}`,
    );
    return { results, bookableDates: dates.dates.length };
  } finally {
    await app.stop();
    await db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await availabilityBench();
