import { PrismaPg } from "@prisma/adapter-pg";
import { addHours, addMinutes, subDays, subMinutes } from "date-fns";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { useDatabaseForTests } from "@/lib/db/client";
import { PrismaClient } from "@/lib/db/generated/client";
import type { BookingStatus } from "@/lib/db/generated/enums";
import { newBookingId } from "@/lib/booking/ids";
import { queueDueReminders, queueReminderNow } from "./reminders";

const t = useTestDatabase();
const NOW = new Date("2026-05-04T12:00:00.000Z");
let offset = 0;

/** A booking starting `startsIn` after NOW, confirmed `confirmedAt` (default: 3 days before NOW). */
async function booking(startsIn: number, options: { status?: BookingStatus; confirmedAt?: Date; reminderSentAt?: Date } = {}) {
  // Five-minute slots: slots may not overlap, so callers keep starts five minutes apart.
  const slot = await t.db.slot.create({
    data: { startsAt: new Date(NOW.getTime() + startsIn), durationMinutes: 5, priceCents: 0, requiresPayment: false, methods: ["ZOOM"] },
  });
  offset++;
  return t.db.booking.create({
    data: {
      id: newBookingId(),
      slotId: slot.id,
      status: options.status ?? "CONFIRMED",
      method: "ZOOM",
      name: "Ada Lovelace",
      email: `ada${offset}@example.com`,
      timeZone: "Europe/London",
      confirmedAt: options.confirmedAt ?? subDays(NOW, 3),
      reminderSentAt: options.reminderSentAt ?? null,
      cancelledAt: options.status === "CANCELLED" ? subMinutes(NOW, 1) : null,
      holdExpiresAt: options.status === "PENDING_PAYMENT" ? addMinutes(NOW, 5) : null,
      meetingUrl: "https://zoom.us/j/1",
    },
    include: { slot: true },
  });
}
const hours = (n: number) => n * 60 * 60 * 1000;
const minutes = (n: number) => n * 60 * 1000;
const reminderKeys = async () => (await t.db.outboxEmail.findMany({ where: { kind: "booking_reminder" } })).map((r) => r.dedupeKey).sort();

describe("queueDueReminders", () => {
  it("reminds confirmed bookings starting within 24 h, once, and no others", async () => {
    const due = await booking(hours(23));
    const dueSoon = await booking(minutes(30));
    await booking(hours(25)); // not yet
    await booking(-minutes(10)); // already started
    await booking(hours(22), { reminderSentAt: subMinutes(NOW, 5) }); // already reminded
    const statuses = ["CANCELLED", "EXPIRED", "COMPLETED", "NO_SHOW", "PENDING_PAYMENT"] as const;
    for (const [i, status] of statuses.entries()) await booking(hours(2) + minutes(5 * i), { status });
    expect(await queueDueReminders({ now: NOW })).toBe(2);
    expect(await reminderKeys()).toEqual([`booking_reminder:${due.id}:0`, `booking_reminder:${dueSoon.id}:0`].sort());
    const row = await t.db.outboxEmail.findFirstOrThrow({ where: { bookingId: due.id } });
    expect(row.toAddress).toBe(due.email);
    expect(row.payload).toMatchObject({ bookingId: due.id, visitorTimeZone: "Europe/London", meetingUrl: "https://zoom.us/j/1" });
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: due.id } })).reminderSentAt).toEqual(NOW);
    expect(await queueDueReminders({ now: addMinutes(NOW, 15) })).toBe(0);
  });

  it("reminds a booking made less than 24 h ahead one hour before it starts", async () => {
    const late = await booking(hours(5), { confirmedAt: subMinutes(NOW, 30) });
    expect(await queueDueReminders({ now: NOW })).toBe(0);
    expect(await queueDueReminders({ now: addHours(NOW, 3) })).toBe(0);
    expect(await queueDueReminders({ now: addMinutes(NOW, 4 * 60 + 5) })).toBe(1);
    expect(await reminderKeys()).toEqual([`booking_reminder:${late.id}:0`]);
  });

  it("never reminds a booking confirmed within the hour before its start", async () => {
    const start = minutes(50);
    await booking(start, { confirmedAt: new Date(NOW.getTime() + start - minutes(59)) });
    for (const later of [0, 10, 30, 49]) expect(await queueDueReminders({ now: addMinutes(NOW, later) })).toBe(0);
    expect(await t.db.outboxEmail.count()).toBe(0);
  });

  it("reminds a rescheduled booking again, under its new iCalendar sequence", async () => {
    const b = await booking(hours(10));
    await queueDueReminders({ now: NOW });
    await t.db.booking.update({ where: { id: b.id }, data: { icsSequence: 1, reminderSentAt: null } });
    expect(await queueDueReminders({ now: NOW })).toBe(1);
    expect(await reminderKeys()).toEqual([`booking_reminder:${b.id}:0`, `booking_reminder:${b.id}:1`]);
  });

  it("queues exactly one reminder per booking when runs overlap (a real race on PostgreSQL)", async () => {
    const bookings = [];
    for (let i = 0; i < 40; i++) bookings.push(await booking(hours(1) + minutes(5 * i)));
    const counts = await Promise.all([1, 2, 3, 4, 5].map(() => queueDueReminders({ now: NOW, batchSize: 7 })));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(40);
    expect(await reminderKeys()).toEqual(bookings.map((b) => `booking_reminder:${b.id}:0`).sort());
    expect(await t.db.booking.count({ where: { reminderSentAt: NOW } })).toBe(40);
  });

  it("costs the same number of queries per batch whatever the batch holds", async () => {
    const client = new PrismaClient({
      adapter: new PrismaPg({ connectionString: t.current.url }),
      log: [{ emit: "event", level: "query" }],
    });
    let queries = 0;
    client.$on("query", () => {
      queries++;
    });
    useDatabaseForTests(client);
    try {
      const count = async (n: number, now: Date) => {
        for (let i = 0; i < n; i++) await booking(addHours(now, 2).getTime() - NOW.getTime() + minutes(5 * i));
        queries = 0;
        expect(await queueDueReminders({ now, batchSize: 100 })).toBe(n);
        return queries;
      };
      const small = await count(2, NOW);
      const large = await count(25, addHours(NOW, 12));
      expect(large).toBe(small);
      expect(small).toBeGreaterThanOrEqual(3);
      expect(small).toBeLessThanOrEqual(8);
    } finally {
      useDatabaseForTests(t.db);
      await client.$disconnect();
    }
  });
});

describe("queueReminderNow", () => {
  it("queues a reminder at once, then reports it as sent; refuses unconfirmed bookings", async () => {
    const b = await booking(hours(30));
    expect(await queueReminderNow(b.id)).toBe("queued");
    expect(await queueReminderNow(b.id)).toBe("already_sent");
    expect(await reminderKeys()).toEqual([`booking_reminder:${b.id}:0`]);
    // Delivered straight away (dev transport here: no RESEND_API_KEY).
    expect((await t.db.outboxEmail.findFirstOrThrow({ where: { bookingId: b.id } })).status).toBe("SENT");
    // The cron does not send a second one.
    expect(await queueDueReminders({ now: addHours(new Date(), 29) })).toBe(0);

    const cancelled = await booking(hours(31), { status: "CANCELLED" });
    expect(await queueReminderNow(cancelled.id)).toBe("not_confirmed");
    expect(await queueReminderNow("bk_doesnotexist")).toBe("not_confirmed");
  });
});
