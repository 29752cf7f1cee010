import { addDays } from "date-fns";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as getAvailable } from "@/app/api/slots/available/route";
import { GET as getDates } from "@/app/api/slots/dates/route";
import { GET as getByDate } from "@/app/api/slots/route";
import { listAvailableDates, type AvailableDate, type AvailableSlot } from "@/lib/booking/availability";
import { availableDatesPage, firstSpanEnd, openSlotById, openSummary } from "@/lib/booking/availability-calendar";
import { sha256Hex } from "@/lib/booking/ids";
import { newBookingId } from "@/lib/booking/ids";
import { dateKeyInZone } from "@/lib/format";
import { SETTLED_BOOKING_STATUSES } from "@/lib/status/booking-status";
import { bookingOn, setRule } from "@/tests/helpers/rules-fixtures";
import { useTestDatabase } from "@/tests/helpers/test-db";

// The month/date routes and the paged whole-window listing (ADR 140) give, slot for slot, what
// the old whole-window answer gives, with every booking rule on: notice, window, buffers, day
// and week caps, calendar busy times, other visitors' holds and the viewer's own hold.

const t = useTestDatabase();
const ZONE = "Europe/London";
const VISITOR = "America/Los_Angeles";
const SESSION = "own-session-0123456789abcdefghijklmn";

async function seed() {
  const now = new Date();
  await setRule(t.db, "BUSINESS_TIME_ZONE", ZONE);
  await setRule(t.db, "BOOKING_WINDOW_DAYS", 45);
  await setRule(t.db, "MIN_NOTICE_MINUTES", 180);
  await setRule(t.db, "BUFFER_AFTER_MINUTES", 30);
  await setRule(t.db, "MAX_BOOKINGS_PER_DAY", 3);
  await setRule(t.db, "MAX_BOOKINGS_PER_WEEK", 9);
  // Every 90 minutes, 06:00 to 22:30 UTC, from yesterday to 50 days on: past, notice, window and
  // zone-boundary cases; two kinds of slot (paid 60 min, free 30 min).
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1, 6));
  const data = Array.from({ length: 52 * 12 }, (_, i) => {
    const startsAt = new Date(first.getTime() + Math.floor(i / 12) * 86_400_000 + (i % 12) * 90 * 60_000);
    const paid = i % 5 !== 0;
    return {
      startsAt,
      durationMinutes: paid ? 60 : 30,
      priceCents: paid ? 2500 : 0,
      currency: "usd",
      requiresPayment: paid,
      methods: paid ? (["ZOOM", "PHONE"] as const) : (["TEAMS"] as const),
      isAvailable: i % 17 !== 0,
    };
  });
  await t.db.slot.createMany({ data: data.map((d) => ({ ...d, methods: [...d.methods] })) });
  const slots = await t.db.slot.findMany({ where: { startsAt: { gt: addDays(now, 1) } }, orderBy: { startsAt: "asc" } });
  // Confirmed bookings (buffers, caps), someone else's live hold, and the viewer's own live hold.
  for (const i of [0, 3, 4, 5, 30, 31, 60, 90, 91, 92, 150]) await bookingOn(t.db, slots[i]!.id);
  await bookingOn(t.db, slots[12]!.id, "PENDING_PAYMENT", { holdExpiresAt: addDays(now, 1), email: "other@example.com" });
  await t.db.booking.create({
    data: {
      id: newBookingId(),
      slotId: slots[13]!.id,
      status: "PENDING_PAYMENT",
      holdExpiresAt: addDays(now, 1),
      clientSessionHash: sha256Hex(SESSION),
      method: "ZOOM",
      name: "Own Visitor",
      email: "own@example.com",
      timeZone: "UTC",
    },
  });
  const connection = await t.db.calendarConnection.create({
    data: { provider: "CALDAV", label: "Work", secretSealed: "x", busyCalendarIds: [] },
  });
  await t.db.calendarBusyInterval.create({
    data: { connectionId: connection.id, startsAt: slots[40]!.startsAt, endsAt: new Date(slots[41]!.startsAt.getTime() + 60_000) },
  });
}

const headers = { cookie: `bk_session=${SESSION}` };
async function get<T>(handler: (r: NextRequest) => Promise<Response>, path: string): Promise<T> {
  const response = await handler(new NextRequest(`http://localhost${path}`, { headers }));
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

const months = (dates: string[]) => [...new Set(dates.map((d) => d.slice(0, 7)))];
function regroup(slots: AvailableSlot[], zone: string): Map<string, AvailableSlot[]> {
  const byDate = new Map<string, AvailableSlot[]>();
  for (const s of slots) byDate.set(dateKeyInZone(s.startsAt, zone), [...(byDate.get(dateKeyInZone(s.startsAt, zone)) ?? []), s]);
  return byDate;
}

describe("the month and date routes agree with the whole-window listing", () => {
  it("gives the same dates, counts and slots, in the business zone and in the visitor's", async () => {
    await seed();
    const whole = await listAvailableDates(new Date(), { clientSession: SESSION });
    const all = whole.flatMap((d) => d.slots);
    // The seed exercises the rules: something is hidden by each, and the own hold is listed.
    expect(all.length).toBeGreaterThan(200);
    expect(all.filter((s) => s.heldByYou)).toHaveLength(1);

    for (const zone of [ZONE, VISITOR]) {
      const expected = regroup(all, zone);
      const counted: [string, number][] = [];
      for (const month of months([...expected.keys()])) {
        const body = await get<{ month: string; timeZone: string; dates: { date: string; count: number }[] }>(
          getDates,
          `/api/slots/dates?month=${month}&tz=${encodeURIComponent(zone)}`,
        );
        expect(body.timeZone).toBe(zone);
        counted.push(...body.dates.map((d): [string, number] => [d.date, d.count]));
      }
      expect(counted).toEqual([...expected].map(([date, list]) => [date, list.length]));
      for (const [date, list] of expected) {
        const body = await get<{ slots: AvailableSlot[] }>(getByDate, `/api/slots?date=${date}&tz=${encodeURIComponent(zone)}`);
        expect(body.slots).toEqual(list);
      }
    }
    // Without tz the business zone is used, as before.
    const first = whole[0]!;
    expect((await get<{ timeZone: string; slots: AvailableSlot[] }>(getByDate, `/api/slots?date=${first.date}`)).slots).toEqual(
      first.slots,
    );
  });

  it("pages GET /api/slots/available by whole dates, and the pages add up to the whole window", async () => {
    await seed();
    const whole = await listAvailableDates(new Date(), { clientSession: SESSION });
    const pages: { dates: AvailableDate[]; next: string | null }[] = [];
    let path: string | null = "/api/slots/available";
    while (path && pages.length < 100) {
      const page: { timeZone: string; dates: AvailableDate[]; next: string | null } = await get(getAvailable, path);
      expect(page.timeZone).toBe(ZONE);
      pages.push(page);
      path = page.next;
    }
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flatMap((p) => p.dates)).toEqual(whole);
    // A from/to range is a slice of the whole, and small pages still never split a date.
    const [a, b] = [whole[2]!.date, whole[9]!.date];
    const ranged = await get<{ dates: AvailableDate[]; next: string | null }>(getAvailable, `/api/slots/available?from=${a}&to=${b}`);
    expect(ranged).toEqual({ timeZone: ZONE, dates: whole.slice(2, 10), next: null });
    const tiny = await availableDatesPage({}, new Date(), { clientSession: SESSION }, 3);
    expect(JSON.parse(tiny.json)).toEqual([whole[0]]);
    expect(tiny.next).toBe(whole[1]!.date);
  });

  it("fills a page when the calendars hide the whole first span, and sizes that span from the unbooked slots", async () => {
    await seed();
    const viewer = { clientSession: SESSION };
    const before = await listAvailableDates(new Date(), viewer);
    // Busy for the first ten days of the window: every unbooked slot the first span holds is hidden.
    const connection = await t.db.calendarConnection.findFirstOrThrow();
    await t.db.calendarBusyInterval.create({
      data: { connectionId: connection.id, startsAt: addDays(new Date(), -1), endsAt: addDays(new Date(), 10) },
    });
    const whole = await listAvailableDates(new Date(), viewer);
    expect(whole.length).toBeLessThan(before.length);
    // About two dates' worth: the page ends on a whole date.
    const limit = 25;
    const page = await availableDatesPage({}, new Date(), viewer, limit);
    const expected: AvailableDate[] = [];
    for (const d of whole) {
      if (expected.flatMap((e) => e.slots).length + d.slots.length > limit) break;
      expected.push(d);
    }
    expect(expected.length).toBeGreaterThan(0);
    expect(JSON.parse(page.json)).toEqual(expected);
    expect(page.next).toBe(whole[expected.length]!.date);

    // The first span ends just after the 6th available slot that no settled booking holds.
    const window = { now: new Date(), from: new Date(), to: addDays(new Date(), 45) };
    const unbooked = await t.db.slot.findMany({
      where: {
        isAvailable: true,
        startsAt: { gte: window.from, lt: window.to },
        bookings: { none: { status: { in: [...SETTLED_BOOKING_STATUSES] } } },
      },
      orderBy: { startsAt: "asc" },
      take: 6,
    });
    expect(await firstSpanEnd(t.db, window, 6)).toEqual(new Date(unbooked[5]!.startsAt.getTime() + 1));
    expect(await firstSpanEnd(t.db, window, 100_000)).toEqual(window.to);
  });

  it("summarises the open kinds and finds one open slot by id, under the same rules", async () => {
    await seed();
    const viewer = { clientSession: SESSION };
    const all = (await listAvailableDates(new Date(), viewer)).flatMap((d) => d.slots);
    const summary = await openSummary(new Date(), viewer);
    const kinds = new Set(all.map((s) => JSON.stringify([s.durationMinutes, s.priceCents, s.currency, s.requiresPayment, s.methods])));
    expect(
      new Set(summary.kinds.map((k) => JSON.stringify([k.durationMinutes, k.priceCents, k.currency, k.requiresPayment, k.methods]))),
    ).toEqual(kinds);
    expect(summary.firstDate).toBe(dateKeyInZone(all[0]!.startsAt, ZONE));
    for (const slot of all.slice(0, 20)) expect(await openSlotById(slot.id, new Date(), viewer)).toEqual(slot);
    const hidden = await t.db.slot.findMany({ where: { id: { notIn: all.map((s) => s.id) } }, select: { id: true } });
    for (const { id } of hidden.slice(0, 20)) expect(await openSlotById(id, new Date(), viewer)).toBeNull();
    expect(await openSlotById("not-a-uuid", new Date(), viewer)).toBeNull();
  });
});

describe("bad parameters", () => {
  it.each(["", "?month=", "?month=2027-13", "?month=2027-1", "?month=2027-01-05", "?month=next", "?month=2027-01&tz=Mars/Base"])(
    "GET /api/slots/dates%s answers 400 with the error shape",
    async (query) => {
      const response = await getDates(new NextRequest(`http://localhost/api/slots/dates${query}`));
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("bad_request");
      expect(body.error.message).toMatch(/^Query parameter (month|tz) must be/);
    },
  );

  it.each(["?from=2027-02-30", "?to=soon", "?from="])("GET /api/slots/available%s answers 400", async (query) => {
    const response = await getAvailable(new NextRequest(`http://localhost/api/slots/available${query}`));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("bad_request");
  });
});
