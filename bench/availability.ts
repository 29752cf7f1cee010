// Availability under load: every availability answer /contact loads (a month's dates with
// counts, one date's times) and GET /api/slots/available with no parameters, against a trivial
// static JSON route in the same server, on the production build and real PostgreSQL; with the
// size of each answer and of the /contact document. The manage page's reschedule calendar
// reads the same shapes through a visitor's link (its month, a date's times); those answers
// and that page's document are measured too. Run once per booking window:
//   npx next build && BENCH_DATABASE_URL=postgresql://… npx tsx bench/availability.ts
//   BENCH_WINDOW_DAYS=365 BENCH_DATABASE_URL=postgresql://… npx tsx bench/availability.ts
import { createBenchDatabase, fmt, median, startApp } from "./lib/app-server";
import { load, type LoadResult } from "./lib/load";
import { seedAvailabilityData, seedManageLink } from "./lib/seed";
import { connectBenchCalendars } from "./lib/calendars";

const ANSWER_LIMIT_BYTES = 50_000;
const DOCUMENT_LIMIT_BYTES = 100_000;

type Routes = Record<string, string>;

/**
 * Each route in turn, `rounds` times over (round-robin), so that drift in the host's speed
 * during a run falls on every route alike, the static baseline included: req/s over all
 * rounds, p50 and p99 the median of the rounds'.
 */
async function measure(appUrl: string, routes: Routes, options: { connections: number; seconds: number; rounds: number }) {
  for (const path of Object.values(routes)) await load(`${appUrl}${path}`, { connections: 4, seconds: 1 }); // warm-up
  const rounds: Record<string, LoadResult[]> = {};
  for (let round = 0; round < options.rounds; round++)
    for (const [name, path] of Object.entries(routes))
      (rounds[name] ??= []).push(
        await load(`${appUrl}${path}`, { connections: options.connections, seconds: options.seconds / options.rounds }),
      );
  const results: Record<string, LoadResult> = {};
  for (const [name, list] of Object.entries(rounds)) {
    const sum = (key: "requests" | "errors" | "non2xx" | "seconds") => list.reduce((total, r) => total + r[key], 0);
    results[name] = {
      requests: sum("requests"),
      errors: sum("errors"),
      non2xx: sum("non2xx"),
      seconds: sum("seconds"),
      rps: sum("requests") / sum("seconds"),
      p50: median(list.map((r) => r.p50)),
      p99: median(list.map((r) => r.p99)),
    };
  }
  return results;
}

async function bytesOf(url: string): Promise<number> {
  return Buffer.byteLength(await (await fetch(url)).text());
}

function report(label: string, results: Record<string, LoadResult>, sizes: Record<string, number>) {
  const base = results.static!;
  console.log(`  ${label}`);
  const missed: string[] = [];
  for (const [name, r] of Object.entries(results)) {
    const size = sizes[name] ?? 0;
    console.log(
      `    ${name.padEnd(10)} ${fmt(r.rps, 0).padStart(6)} req/s  ratio ${fmt(r.rps / base.rps, 2)}  p50 ${fmt(r.p50)} ms  p99 ${fmt(r.p99)} ms  ${String(size).padStart(8)} B  errors ${r.errors + r.non2xx}`,
    );
    const met = r.rps / base.rps >= 0.5 && r.p99 <= 50 && r.errors + r.non2xx === 0 && size < ANSWER_LIMIT_BYTES;
    if (name !== "static" && !met) missed.push(name);
  }
  console.log(
    `    target (>= 0.5 of static req/s, p99 <= 50 ms, answer < 50 kB): ${missed.length === 0 ? "met by every answer" : `MISSED by ${missed.join(", ")}`}`,
  );
}

export async function availabilityBench(): Promise<Record<string, unknown>> {
  const windowDays = Number(process.env.BENCH_WINDOW_DAYS ?? 30);
  const db = await createBenchDatabase();
  const port = Number(process.env.BENCH_PORT ?? 3200);
  const env = { BOOKING_WINDOW_DAYS: String(windowDays) };
  let app = await startApp(db.url, port, env);
  let calendars: Awaited<ReturnType<typeof connectBenchCalendars>> | null = null;
  try {
    await seedAvailabilityData(db.url);
    // What /contact asks for: the month it opens on (the first with open times), then the
    // month in the middle of the window, and the times of a date in it.
    const first = (await (await fetch(`${app.url}/api/slots/available`)).json()) as { dates: { date: string }[] };
    const firstMonth = first.dates[0]!.date.slice(0, 7);
    const middle = new Date(Date.now() + (windowDays / 2) * 86_400_000).toISOString().slice(0, 10);
    const middleMonth = middle.slice(0, 7);
    const { dates } = (await (await fetch(`${app.url}/api/slots/dates?month=${middleMonth}`)).json()) as { dates: { date: string }[] };
    const date = dates[Math.floor(dates.length / 2)]!.date;
    const link = await seedManageLink(db.url, windowDays / 2);
    const manage = `/api/manage/${link.token}`;
    const routes: Routes = {
      static: "/api/ping",
      month: `/api/slots/dates?month=${firstMonth}`,
      monthLater: `/api/slots/dates?month=${middleMonth}&tz=Europe/London`,
      byDate: `/api/slots?date=${date}`,
      available: "/api/slots/available",
      moveMonth: `${manage}/dates?month=${link.startsAt.toISOString().slice(0, 7)}&tz=Europe/London`,
      moveDate: `${manage}/times?date=${date}&tz=Europe/London`,
    };
    const sizes: Record<string, number> = {};
    for (const [name, path] of Object.entries(routes)) sizes[name] = await bytesOf(`${app.url}${path}`);
    const documentBytes = await bytesOf(`${app.url}/contact`);
    const manageDocumentBytes = await bytesOf(`${app.url}/booking/${link.token}`);
    const options = { connections: 16, seconds: Number(process.env.BENCH_SECONDS ?? 9), rounds: Number(process.env.BENCH_ROUNDS ?? 3) };
    console.log(
      `availability: ${windowDays}-day window, 10,000 slots seeded; load ${options.connections} connections x ${options.seconds}s ` +
        `per route in ${options.rounds} rounds; ` +
        `/contact document ${documentBytes} B (${documentBytes < DOCUMENT_LIMIT_BYTES ? "under" : "OVER"} 100 kB), ` +
        `manage page document ${manageDocumentBytes} B (${manageDocumentBytes < DOCUMENT_LIMIT_BYTES ? "under" : "OVER"} 100 kB)`,
    );
    for (const [name, path] of Object.entries(routes)) console.log(`    ${name.padEnd(10)} GET ${path}`);
    const none = await measure(app.url, routes, options);
    report("no calendar connected", none, sizes);

    // Three connected calendars, one of them never answering, refreshed by the scheduler meanwhile.
    await app.stop();
    calendars = await connectBenchCalendars(db.url);
    app = await startApp(db.url, port, {
      ...env,
      SCHEDULER_ENABLED: "true",
      SCHEDULER_INTERVAL_SECONDS: "5",
      CALENDAR_REFRESH_MINUTES: "1",
      CALENDAR_PROVIDER_TIMEOUT_MS: "2000",
    });
    const sizesWithCalendars: Record<string, number> = {};
    for (const [name, path] of Object.entries(routes)) sizesWithCalendars[name] = await bytesOf(`${app.url}${path}`);
    const three = await measure(app.url, routes, options);
    report("three calendars connected (one never answers; 900 cached busy intervals)", three, sizesWithCalendars);
    return { windowDays, results: none, withCalendars: three, sizes, sizesWithCalendars, documentBytes, manageDocumentBytes };
  } finally {
    await app.stop();
    await calendars?.stop();
    await db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await availabilityBench();
