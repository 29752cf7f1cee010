// Reminders at volume: 10,000 confirmed bookings due within 24 h, delivered through a fake
// (in-memory) email transport. Baseline: the same state change as raw bulk SQL, same run.
//   BENCH_DATABASE_URL=postgresql://… npx tsx bench/reminders.ts
import "../scripts/lib/bootstrap";
import pg from "pg";
import { createBenchDatabase, fmt } from "./lib/app-server";

const COUNT = Number(process.env.BENCH_REMINDERS ?? 10_000);

async function seedDueBookings(client: pg.Client): Promise<void> {
  // 10,000 meetings cannot fit in 24 hours without overlapping, so this throwaway database
  // drops the overlap rule; everything the reminder path touches is unchanged.
  await client.query(`ALTER TABLE "Slot" DROP CONSTRAINT "Slot_no_overlap"`);
  await client.query(
    `INSERT INTO "Slot" ("id", "startsAt", "durationMinutes", "priceCents", "methods", "updatedAt")
     SELECT gen_random_uuid(), now() + interval '2 hours' + g * (interval '20 hours' / $1::int), 30, 1000,
            ARRAY['ZOOM']::"MeetingMethod"[], now()
     FROM generate_series(0, $1::int - 1) AS g`,
    [COUNT],
  );
  await client.query(
    `INSERT INTO "Booking" ("id", "slotId", "status", "method", "name", "email", "timeZone", "meetingUrl",
                            "confirmedAt", "createdAt", "updatedAt")
     SELECT 'bk_rem' || lpad(row_number() OVER (ORDER BY "startsAt")::text, 20, '0'), "id", 'CONFIRMED', 'ZOOM',
            'Reminder Visitor', 'visitor@example.com', 'Europe/Berlin', 'https://zoom.example/j/1',
            now() - interval '3 days', now(), now()
     FROM "Slot"`,
  );
  await client.query("ANALYZE");
}

async function reset(client: pg.Client): Promise<void> {
  await client.query(`DELETE FROM "OutboxEmail"`);
  await client.query(`UPDATE "Booking" SET "reminderSentAt" = NULL`);
}

async function baseline(client: pg.Client): Promise<number> {
  const started = performance.now();
  await client.query("BEGIN");
  await client.query(`UPDATE "Booking" SET "reminderSentAt" = now() WHERE "status" = 'CONFIRMED' AND "reminderSentAt" IS NULL`);
  await client.query(
    `INSERT INTO "OutboxEmail" ("id", "dedupeKey", "kind", "bookingId", "toAddress", "payload", "status", "sentAt", "updatedAt")
     SELECT gen_random_uuid(), 'booking_reminder:' || "id", 'booking_reminder', "id", "email", '{}'::jsonb, 'SENT', now(), now()
     FROM "Booking"`,
  );
  await client.query("COMMIT");
  return (performance.now() - started) / 1000;
}

export async function remindersBench(): Promise<Record<string, unknown>> {
  const db = await createBenchDatabase();
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await seedDueBookings(client);
    const baseSeconds = await baseline(client);
    await reset(client);

    process.env.DATABASE_URL = db.url;
    process.env.LOG_LEVEL = "error";
    // Production React and settings, as the cron route runs them (set before the lib loads).
    Object.assign(process.env, {
      NODE_ENV: "production",
      ALLOW_DEMO_PAYMENTS_IN_PRODUCTION: "true",
      AUTH_SECRET: "bench-secret-0123456789-0123456789-0123456789",
      APP_URL: "http://127.0.0.1:3000",
    });
    const { useDatabaseForTests } = await import("../lib/db/client");
    const { countingClient } = await import("../tests/helpers/query-counter");
    const { useEmailTransportForTests } = await import("../lib/email/transport");
    const { queueDueReminders } = await import("../lib/jobs/reminders");
    const { sendDueEmails } = await import("../lib/email/sender");
    const counter = countingClient(db.url);
    useDatabaseForTests(counter.db);
    let delivered = 0;
    useEmailTransportForTests({
      name: "console",
      send: async () => {
        delivered++;
        return { transport: "console", providerMessageId: null };
      },
    });

    const started = performance.now();
    const queriesPerBatch: number[] = [];
    let queued = 0;
    for (;;) {
      counter.reset();
      const n = await queueDueReminders({ batchSize: 500, maxBatches: 1 });
      if (n > 0) queriesPerBatch.push(counter.count());
      queued += n;
      if (n === 0) break;
    }
    const queueSeconds = (performance.now() - started) / 1000;
    for (;;) {
      const summary = await sendDueEmails({ batchSize: 200, maxBatches: 50 });
      if (summary.claimed === 0) break;
    }
    const totalSeconds = (performance.now() - started) / 1000;
    await counter.db.$disconnect();

    const distinct = [...new Set(queriesPerBatch.slice(0, -1))];
    console.log(`reminders: ${queued} queued in ${fmt(queueSeconds, 2)} s, ${delivered} delivered; all done in ${fmt(totalSeconds, 2)} s`);
    console.log(`  baseline (raw bulk SQL, same change): ${fmt(baseSeconds, 2)} s; ratio ${fmt(totalSeconds / baseSeconds, 1)}x`);
    console.log(`  queries per full batch of 500: ${distinct.join(", ")} (${queriesPerBatch.length} batches)`);
    const ok = queued === COUNT && delivered === COUNT && totalSeconds < 30 && distinct.length === 1;
    console.log(`  target (< 30 s, constant queries per batch): ${ok ? "met" : "MISSED"}`);
    return { queued, delivered, queueSeconds, totalSeconds, baseSeconds, queriesPerBatch: distinct };
  } finally {
    await client.end();
    await db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await remindersBench();
