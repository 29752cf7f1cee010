// Availability under load: GET /api/slots/available and /api/slots?date= against a trivial
// static JSON route in the same server, on the production build and real PostgreSQL.
//   npx next build && BENCH_DATABASE_URL=postgresql://… npx tsx bench/availability.ts
import { createBenchDatabase, fmt, startApp } from "./lib/app-server";
import { load, type LoadResult } from "./lib/load";
import { seedAvailabilityData } from "./lib/seed";
import { connectBenchCalendars } from "./lib/calendars";

type Routes = Record<"static" | "available" | "byDate", string>;

async function measure(appUrl: string, routes: Routes, options: { connections: number; seconds: number }) {
  for (const path of Object.values(routes)) await load(`${appUrl}${path}`, { connections: 4, seconds: 1 }); // warm-up
  const results: Record<string, LoadResult> = {};
  for (const [name, path] of Object.entries(routes)) results[name] = await load(`${appUrl}${path}`, options);
  return results;
}

function report(label: string, results: Record<string, LoadResult>) {
  const base = results.static!;
  console.log(`  ${label}`);
  for (const [name, r] of Object.entries(results)) {
    console.log(
      `    ${name.padEnd(9)} ${fmt(r.rps, 0).padStart(6)} req/s  ratio ${fmt(r.rps / base.rps, 2)}  p50 ${fmt(r.p50)} ms  p99 ${fmt(r.p99)} ms  errors ${r.errors + r.non2xx}`,
    );
  }
  const verdict = (r: LoadResult) => r.rps / base.rps >= 0.5 && r.p99 <= 50 && r.errors + r.non2xx === 0;
  console.log(
    `    target (>= 0.5 of static req/s, p99 <= 50 ms): available ${verdict(results.available!) ? "met" : "MISSED"}, by date ${verdict(results.byDate!) ? "met" : "MISSED"}`,
  );
}

export async function availabilityBench(): Promise<Record<string, unknown>> {
  const db = await createBenchDatabase();
  const port = Number(process.env.BENCH_PORT ?? 3200);
  let app = await startApp(db.url, port);
  let calendars: Awaited<ReturnType<typeof connectBenchCalendars>> | null = null;
  try {
    await seedAvailabilityData(db.url);
    const dates = (await (await fetch(`${app.url}/api/slots/available`)).json()) as { dates: { date: string }[] };
    const date = dates.dates[Math.floor(dates.dates.length / 2)]!.date;
    const options = { connections: 16, seconds: Number(process.env.BENCH_SECONDS ?? 8) };
    const routes: Routes = { static: "/api/ping", available: "/api/slots/available", byDate: `/api/slots?date=${date}` };
    console.log(`availability: ${dates.dates.length} bookable dates; load ${options.connections} connections x ${options.seconds}s`);
    const none = await measure(app.url, routes, options);
    report("no calendar connected", none);

    // Three connected calendars, one of them never answering, refreshed by the scheduler meanwhile.
    await app.stop();
    calendars = await connectBenchCalendars(db.url);
    app = await startApp(db.url, port, {
      SCHEDULER_ENABLED: "true",
      SCHEDULER_INTERVAL_SECONDS: "5",
      CALENDAR_REFRESH_MINUTES: "1",
      CALENDAR_PROVIDER_TIMEOUT_MS: "2000",
    });
    const three = await measure(app.url, routes, options);
    report("three calendars connected (one never answers; 900 cached busy intervals)", three);
    for (const name of ["available", "byDate"] as const) {
      console.log(
        `    ${name}: ratio with calendars ${fmt(three[name]!.rps / three.static!.rps, 2)} vs none ${fmt(none[name]!.rps / none.static!.rps, 2)}`,
      );
    }
    return { results: none, withCalendars: three, bookableDates: dates.dates.length };
  } finally {
    await app.stop();
    await calendars?.stop();
    await db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await availabilityBench();
