// Insights at the benchmark size: 10,000 hourly slots (about a year back and six weeks ahead)
// and 5,000 bookings in every state, with fees, refunds and outcomes. Times the page's data
// function (getInsights) for the default 12 weeks and for 52 weeks, next to two baselines in
// the same run: `SELECT 1` through the same client and one count over the bookings.
//   BENCH_DATABASE_URL=postgresql://… npx tsx bench/insights.ts
import "../scripts/lib/bootstrap";
import pg from "pg";
import { createBenchDatabase, fmt, timedRuns } from "./lib/app-server";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const ZONE = "America/New_York";

async function seedInsightsData(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      INSERT INTO "Slot" ("id", "startsAt", "durationMinutes", "priceCents", "currency", "requiresPayment", "methods", "updatedAt")
      SELECT gen_random_uuid(), date_trunc('hour', now()) - interval '9000 hours' + g * interval '1 hour', 60, 10000, 'usd', true,
             ARRAY['ZOOM','TEAMS','PHONE','GOOGLE_MEET']::"MeetingMethod"[], now()
      FROM generate_series(0, 9999) AS g`);
    // Every second slot is booked, 1 to 30 days ahead; past meetings are held, no-shows or
    // cancelled, future ones confirmed; one in ten is a lapsed hold (not a booking).
    await client.query(`
      WITH numbered AS (SELECT "id", "startsAt", row_number() OVER (ORDER BY "startsAt") AS n FROM "Slot"),
      picked AS (
        SELECT "id", "startsAt", n, "startsAt" - ((1 + n % 30) * interval '1 day') - (n % 7) * interval '1 hour' AS created,
               CASE WHEN n % 10 = 0 THEN 'EXPIRED'
                    WHEN "startsAt" > now() THEN 'CONFIRMED'
                    WHEN n % 10 IN (1, 2) THEN 'CANCELLED'
                    WHEN n % 10 = 3 THEN 'NO_SHOW'
                    ELSE 'COMPLETED' END AS status
        FROM numbered WHERE n % 2 = 0
      )
      INSERT INTO "Booking" ("id", "slotId", "status", "method", "name", "email", "timeZone", "confirmedAt", "cancelledAt",
                             "cancellationReason", "completedAt", "projectOutcome", "createdAt", "updatedAt")
      SELECT 'bk_ins' || lpad(n::text, 20, '0'), "id", status::"BookingStatus",
             (ARRAY['ZOOM','TEAMS','PHONE','GOOGLE_MEET']::"MeetingMethod"[])[1 + n % 4],
             'Bench Visitor', 'bench' || n || '@example.com', 'Europe/London',
             CASE WHEN status <> 'EXPIRED' THEN created END,
             CASE WHEN status = 'CANCELLED' THEN created + interval '1 hour' END,
             CASE WHEN status = 'CANCELLED' THEN (CASE WHEN n % 4 = 0 THEN 'Cancelled by the visitor' ELSE 'Cancelled by the business' END) END,
             CASE WHEN status = 'COMPLETED' THEN "startsAt" END,
             CASE WHEN status = 'COMPLETED' THEN (ARRAY['WON','LOST','NONE']::"ProjectOutcome"[])[1 + n % 3] END,
             created, created
      FROM picked`);
    await client.query(`
      INSERT INTO "Payment" ("id", "bookingId", "provider", "providerPaymentId", "amountCents", "currency", "status", "refundedCents",
                             "succeededAt", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), b."id", 'DEMO', 'demo_' || b."id", 10000, 'usd',
             (CASE WHEN b."status" = 'EXPIRED' THEN 'REQUIRES_PAYMENT'
                   WHEN b."status" = 'CANCELLED' THEN 'PARTIALLY_REFUNDED' ELSE 'SUCCEEDED' END)::"PaymentStatus",
             CASE WHEN b."status" = 'CANCELLED' THEN 5000 ELSE 0 END,
             CASE WHEN b."status" <> 'EXPIRED' THEN b."createdAt" END, b."createdAt", b."createdAt"
      FROM "Booking" b`);
    await client.query(`
      INSERT INTO "Refund" ("id", "paymentId", "idempotencyKey", "amountCents", "status", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), p."id", 'bench_' || p."id", 5000, 'SUCCEEDED', b."cancelledAt", b."cancelledAt"
      FROM "Payment" p JOIN "Booking" b ON b."id" = p."bookingId" WHERE b."status" = 'CANCELLED'`);
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}

async function time(fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  return stats(await timedRuns(fn, RUNS));
}

export async function insightsBench(): Promise<Record<string, unknown>> {
  const bench = await createBenchDatabase();
  const { createPrismaClient } = await import("../lib/db/client");
  const { getInsights } = await import("../lib/admin/insights");
  const { parseInsightsRange } = await import("../lib/admin/insights-range");
  const db = createPrismaClient(bench.url, 10);
  try {
    await seedInsightsData(bench.url);
    const counts = await db.$queryRaw<{ slots: number; bookings: number; refunds: number }[]>`
      SELECT (SELECT count(*) FROM "Slot")::int AS "slots", (SELECT count(*) FROM "Booking")::int AS "bookings",
             (SELECT count(*) FROM "Refund")::int AS "refunds"`;
    const now = new Date();
    const rangeOf = (preset: string) => {
      const parsed = parseInsightsRange({ range: preset }, ZONE, now);
      if (!parsed.ok) throw new Error("bad preset");
      return parsed.range;
    };
    const results = {
      select1: await time(() => db.$queryRaw`SELECT 1`),
      countBookings: await time(() => db.$queryRaw`SELECT count(*) FROM "Booking"`),
      insights12w: await time(() => getInsights(rangeOf("12w"), ZONE, now, db)),
      insights52w: await time(() => getInsights(rangeOf("52w"), ZONE, now, db)),
    };
    const sample = await getInsights(rangeOf("52w"), ZONE, now, db);
    console.log(`insights: ${JSON.stringify(counts[0])}; 52 weeks hold ${sample.bookings.current} bookings; ${RUNS} runs each`);
    const base = results.select1.median;
    for (const [name, r] of Object.entries(results)) {
      console.log(`  ${name.padEnd(14)} median ${fmt(r.median)} ms  p95 ${fmt(r.p95)} ms  ratio to SELECT 1 ${fmt(r.median / base, 1)}`);
    }
    const met = results.insights52w.p95 < 250;
    console.log(`  target (page data p95 < 250 ms, i.e. well under a second, for 52 weeks): ${met ? "met" : "MISSED"}`);
    return { ...results, counts: counts[0] };
  } finally {
    await db.$disconnect();
    await bench.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await insightsBench();
