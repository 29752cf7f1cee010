// The calendar busy check (lib/calendars/busy-sql.ts) at growing cache sizes: one month of
// hourly slots checked against 900 and 9,000 cached busy intervals spread over ~173 days, at
// the window's start, four months on and ten months on. Next to the baseline in the same run:
// the same month's slots counted without the check. The check must not grow with how many
// intervals start before the slot (ADR 142): target, the ten-months-on month within 2× of the
// first month's, at 9,000 intervals.
//   BENCH_DATABASE_URL=postgresql://… npx tsx bench/busy-check.ts
import "../scripts/lib/bootstrap";
import pg from "pg";
import { createBenchDatabase, fmt, median, timedRuns } from "./lib/app-server";
import { seedAvailabilityData } from "./lib/seed";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const MONTHS_AT_DAYS = [0, 120, 300];

async function seedIntervals(url: string, perCalendar: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DELETE FROM "CalendarConnection"`);
    const spacing = Math.floor((300 * 829) / perCalendar); // ~173 days whatever the count
    for (let index = 0; index < 3; index++) {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO "CalendarConnection" ("id", "provider", "label", "secretSealed", "busyCalendarIds", "updatedAt")
         VALUES (gen_random_uuid(), 'CALDAV', $1, 'x', '{}', now()) RETURNING "id"`,
        [`bench ${index}`],
      );
      await client.query(
        `INSERT INTO "CalendarBusyInterval" ("id", "connectionId", "startsAt", "endsAt", "eventUid")
         SELECT gen_random_uuid(), $1, now() + (g * $3 + $2 * 277) * interval '1 minute', now() + (g * $3 + $2 * 277 + 45) * interval '1 minute', 'bench-' || $2 || '-' || g
         FROM generate_series(1, $4::int) AS g`,
        [rows[0]!.id, index, spacing, perCalendar],
      );
    }
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}

export async function busyCheckBench(): Promise<Record<string, unknown>> {
  const bench = await createBenchDatabase();
  const { createPrismaClient } = await import("../lib/db/client");
  const { Prisma } = await import("../lib/db/generated/client");
  const { calendarFreeSql } = await import("../lib/calendars/busy-sql");
  const db = createPrismaClient(bench.url, 4);
  try {
    await seedAvailabilityData(bench.url);
    const now = new Date();
    const month = (fromDay: number) => ({
      from: new Date(now.getTime() + fromDay * 86_400_000),
      to: new Date(now.getTime() + (fromDay + 30) * 86_400_000),
    });
    const counted = (fromDay: number, check: boolean) => {
      const { from, to } = month(fromDay);
      return db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS "n" FROM "Slot" s
        WHERE s."isAvailable" AND s."startsAt" >= ${from} AND s."startsAt" < ${to}
          AND ${check ? calendarFreeSql(now, { before: 15, after: 0 }) : Prisma.sql`TRUE`}`;
    };
    const results: Record<string, Record<string, number>> = {};
    console.log(`busy check: one month of hourly slots, median of ${RUNS} runs`);
    for (const perCalendar of [300, 3000]) {
      await seedIntervals(bench.url, perCalendar);
      const label = `${3 * perCalendar} intervals`;
      results[label] = {};
      for (const fromDay of MONTHS_AT_DAYS) {
        const baseline = median(await timedRuns(() => counted(fromDay, false), RUNS));
        const checked = median(await timedRuns(() => counted(fromDay, true), RUNS));
        results[label][`day${fromDay}`] = checked;
        console.log(
          `  ${label.padEnd(15)} days ${String(fromDay).padStart(3)}–${fromDay + 30}: ${fmt(checked, 2)} ms with the check, ` +
            `${fmt(baseline, 2)} ms without (ratio ${fmt(checked / baseline, 1)})`,
        );
      }
    }
    const late = results["9000 intervals"]!;
    const growth = late[`day${MONTHS_AT_DAYS.at(-1)}`]! / late.day0!;
    console.log(
      `  target (ten months on within 2× of the first month, 9,000 intervals): ${growth <= 2 ? "met" : "MISSED"} (${fmt(growth, 2)}×)`,
    );
    return { results, growth };
  } finally {
    await db.$disconnect();
    await bench.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await busyCheckBench();
