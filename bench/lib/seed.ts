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
