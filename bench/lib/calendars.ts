import { createServer, type Server } from "node:net";
import pg from "pg";
import { startRadicale, veventIcs, type Radicale } from "../../tests/helpers/radicale";

// Three connected calendars for the availability benchmark: two real CalDAV calendars
// (Radicale) and one "slow" server that accepts connections and never answers. Their busy
// cache is seeded (300 intervals each across the booking window, fetched now), and the app's
// scheduler keeps refreshing them while the load runs: the public routes read only the cache.

export type BenchCalendars = { stop: () => Promise<void> };

const BENCH_SECRET = "bench-secret-0123456789-0123456789-0123456789";

export async function connectBenchCalendars(databaseUrl: string): Promise<BenchCalendars> {
  process.env.AUTH_SECRET = BENCH_SECRET;
  const { sealSecret } = await import("../../lib/calendars/crypto");
  const radicale: Radicale = await startRadicale();
  const slow: Server = createServer(() => {}).listen(0, "127.0.0.1");
  await new Promise((r) => slow.once("listening", r));
  const slowUrl = `http://127.0.0.1:${(slow.address() as { port: number }).port}/`;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const servers: { url: string; user: string }[] = [];
    for (const user of ["bench-a", "bench-b"]) {
      const calendar = await radicale.makeCalendar(user, "work");
      for (let i = 0; i < 20; i++) {
        const start = new Date(Date.now() + (36 + i * 31) * 3_600_000);
        await radicale.putEvent(calendar, `e${i}`, veventIcs(`${user}-e${i}`, start, new Date(start.getTime() + 45 * 60_000)));
      }
      servers.push({ url: radicale.url, user });
    }
    servers.push({ url: slowUrl, user: "slow" });
    for (const [index, s] of servers.entries()) {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO "CalendarConnection" ("id", "provider", "label", "serverUrl", "username", "secretSealed", "busyCalendarIds", "lastSyncAt", "updatedAt")
         VALUES (gen_random_uuid(), 'CALDAV', $1, $2, $3, $4, '{}', now(), now()) RETURNING "id"`,
        [`bench ${index}`, s.url, s.user, sealSecret("app-password")],
      );
      const id = rows[0]!.id;
      await client.query(
        `INSERT INTO "CalendarBusyWindow" ("connectionId", "windowStart", "windowEnd", "fetchedAt") VALUES ($1, now(), now() + interval '31 days', now())`,
        [id],
      );
      // 300 busy intervals per calendar, 45 minutes each, one every 829 minutes (~173 days):
      // together they hide about a third of the hourly slots. (Until 2026-12-02 one every 149
      // minutes: the three calendars then hid nearly every slot of the first month, and at a
      // 30-day window the listings measured were empty.)
      await client.query(
        `INSERT INTO "CalendarBusyInterval" ("id", "connectionId", "startsAt", "endsAt", "eventUid")
         SELECT gen_random_uuid(), $1, now() + (g * 829 + $2 * 277) * interval '1 minute', now() + (g * 829 + $2 * 277 + 45) * interval '1 minute', 'bench-' || $2 || '-' || g
         FROM generate_series(1, 300) AS g`,
        [id, index],
      );
    }
  } finally {
    await client.end();
  }
  return {
    stop: async () => {
      slow.close();
      await radicale.stop();
    },
  };
}
