// Contention: N concurrent POST /api/bookings for one slot (rate limits raised for the run).
// Exactly one may win; every other request must get a clean 409, none an error.
//   npx next build && BENCH_DATABASE_URL=postgresql://… npx tsx bench/contention.ts
import { addDays } from "date-fns";
import pg from "pg";
import { createBenchDatabase, fmt, startApp } from "./lib/app-server";

type Round = { concurrency: number; winners: number; losers: number; errors: number; seconds: number; statuses: Record<string, number> };

async function createSlot(url: string, index: number): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const startsAt = addDays(new Date(), 2 + index);
    startsAt.setUTCHours(15, 0, 0, 0);
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO "Slot" ("id", "startsAt", "durationMinutes", "priceCents", "methods", "updatedAt")
       VALUES (gen_random_uuid(), $1, 60, 1000, ARRAY['PHONE']::"MeetingMethod"[], now()) RETURNING "id"`,
      [startsAt],
    );
    return rows[0]!.id;
  } finally {
    await client.end();
  }
}

async function round(appUrl: string, slotId: string, concurrency: number): Promise<Round> {
  const started = performance.now();
  const statuses = await Promise.all(
    Array.from({ length: concurrency }, (_, i) =>
      fetch(`${appUrl}/api/bookings`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": `10.0.${Math.floor(i / 250)}.${i % 250}` },
        body: JSON.stringify({ slotId, method: "PHONE", name: "Racer Number", email: `racer${i}@example.com`, timeZone: "UTC" }),
      })
        .then((r) => r.status)
        .catch(() => 0),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const count = (pred: (s: number) => boolean) => statuses.filter(pred).length;
  const byStatus: Record<string, number> = {};
  for (const s of statuses) byStatus[s] = (byStatus[s] ?? 0) + 1;
  return {
    concurrency,
    winners: count((s) => s === 201),
    losers: count((s) => s === 409),
    errors: count((s) => s !== 201 && s !== 409),
    seconds,
    statuses: byStatus,
  };
}

export async function contentionBench(): Promise<Record<string, unknown>> {
  const db = await createBenchDatabase();
  const app = await startApp(db.url, Number(process.env.BENCH_PORT ?? 3201), {
    RATE_LIMIT_HOLDS_PER_IP: "100000",
    RATE_LIMIT_HOLDS_PER_EMAIL: "100000",
  });
  try {
    const rounds: Round[] = [];
    // Warm-up at the measured concurrency on slots of their own, so the rounds measure
    // contention on a running server, not its cold start (JIT, the connection pool filling).
    for (const i of [0, 1]) await round(app.url, await createSlot(db.url, i), 50);
    for (const [i, concurrency] of [50, 500].entries()) rounds.push(await round(app.url, await createSlot(db.url, i + 2), concurrency));
    for (const r of rounds) {
      console.log(
        `contention ${String(r.concurrency).padStart(3)}: winners ${r.winners}, losers ${r.losers}, errors ${r.errors}, all answered in ${fmt(r.seconds, 2)} s  ${JSON.stringify(r.statuses)}`,
      );
    }
    const first = rounds[0]!;
    const ok = rounds.every((r) => r.winners === 1 && r.errors === 0) && first.seconds < 1;
    console.log(`  target (exactly 1 winner, 0 errors, 50 answered in < 1 s): ${ok ? "met" : "MISSED"}`);
    return { rounds };
  } finally {
    await app.stop();
    await db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await contentionBench();
