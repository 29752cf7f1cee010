import pg from "pg";

/**
 * 10,000 future hourly slots (a year ahead, so about 720 fall in the 30-day window) and
 * 5,000 bookings in mixed states on the earliest of them: confirmed, completed, cancelled,
 * expired, live holds and lapsed holds.
 */
export async function seedAvailabilityData(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      INSERT INTO "Slot" ("id", "startsAt", "durationMinutes", "priceCents", "currency", "requiresPayment", "methods", "isAvailable", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), date_trunc('hour', now()) + interval '3 hours' + g * interval '1 hour', 60, 1000, 'usd', true,
             ARRAY['ZOOM','TEAMS','PHONE','GOOGLE_MEET']::"MeetingMethod"[], (g % 23 <> 0), now(), now()
      FROM generate_series(0, 9999) AS g`);
    await client.query(`
      WITH numbered AS (
        SELECT "id", row_number() OVER (ORDER BY "startsAt") AS n FROM "Slot"
      )
      INSERT INTO "Booking" ("id", "slotId", "status", "holdExpiresAt", "method", "name", "email", "timeZone",
                             "confirmedAt", "cancelledAt", "createdAt", "updatedAt")
      SELECT 'bk_bench' || lpad(n::text, 18, '0'), "id",
             (ARRAY['CONFIRMED','COMPLETED','CANCELLED','EXPIRED','PENDING_PAYMENT','PENDING_PAYMENT']::"BookingStatus"[])[1 + (n % 6)],
             CASE n % 6 WHEN 4 THEN now() + interval '10 minutes' WHEN 5 THEN now() - interval '10 minutes' ELSE NULL END,
             'ZOOM', 'Bench Visitor', 'bench' || n || '@example.com', 'Europe/London',
             CASE WHEN n % 6 IN (0, 1) THEN now() ELSE NULL END,
             CASE WHEN n % 6 = 2 THEN now() ELSE NULL END,
             now(), now()
      FROM numbered WHERE n <= 5000`);
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}

/** A token the bench can use, and the hash the app looks it up by (lib/links/manage-link.ts). */
const BENCH_MANAGE_TOKEN = "bench-manage-link-0123456789-0123456789-abc";

/**
 * A working manage link for the seeded confirmed booking nearest `days` from now (and at least
 * two days out, before the reschedule cutoff): its token, and when the booking starts.
 */
export async function seedManageLink(url: string, days: number): Promise<{ token: string; startsAt: Date }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ startsAt: Date }>(
      `UPDATE "Booking" b SET "manageTokenHash" = encode(sha256(convert_to($1, 'UTF8')), 'hex')
       WHERE b."id" = (SELECT b2."id" FROM "Booking" b2 JOIN "Slot" s ON s."id" = b2."slotId"
                       WHERE b2."status" = 'CONFIRMED' AND s."startsAt" > now() + interval '2 days'
                       ORDER BY abs(extract(epoch FROM s."startsAt" - (now() + $2 * interval '1 day'))) LIMIT 1)
       RETURNING (SELECT "startsAt" FROM "Slot" WHERE "id" = b."slotId") AS "startsAt"`,
      [BENCH_MANAGE_TOKEN, days],
    );
    if (!rows[0]) throw new Error("no confirmed booking to give a manage link");
    return { token: BENCH_MANAGE_TOKEN, startsAt: rows[0].startsAt };
  } finally {
    await client.end();
  }
}
