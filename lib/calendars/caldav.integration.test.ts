import { TZDate } from "@date-fns/tz";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { bookingRequest, createSlot } from "@/tests/helpers/factories";
import { startRadicale, veventIcs, type Radicale } from "@/tests/helpers/radicale";
import { AppError } from "@/lib/errors/app-error";
import { listAvailableDates } from "@/lib/booking/availability";
import { placeHold } from "@/lib/booking/holds";
import { rescheduleBooking } from "@/lib/booking/reschedule";
import { cancelBooking, confirmBooking } from "@/lib/booking/transitions";
import { createCaldavConnection, updateConnectionCalendars } from "./connections";
import { refreshConnections } from "./refresh";
import { processCalendarWrites } from "./write-back";

// Busy times and write-back against a real CalDAV server (Radicale), on PGlite and Postgres.

const t = useTestDatabase();
let radicale: Radicale;
let calendarUrl: string;
let user = 0;

beforeAll(async () => {
  radicale = await startRadicale();
}, 30_000);
afterAll(async () => {
  await radicale?.stop();
});

beforeEach(async () => {
  process.env.BOOKING_WINDOW_DAYS = "90";
  process.env.BUSINESS_TIME_ZONE = "America/New_York";
  // Each test its own CalDAV user, so calendars never carry over.
  user += 1;
  calendarUrl = await radicale.makeCalendar(`owner${user}-${Date.now()}`, "work");
});

const ny = (y: number, m: number, d: number, h: number) => new Date(new TZDate(y, m - 1, d, h, 0, 0, "America/New_York").getTime());
const hours = (date: Date, n: number) => new Date(date.getTime() + n * 3600_000);

async function connect(write = false) {
  const { id } = await createCaldavConnection({
    label: "Work",
    serverUrl: radicale.url,
    username: new URL(calendarUrl).pathname.split("/")[1]!,
    password: "app-pw",
  });
  await updateConnectionCalendars(id, { busyCalendarIds: [calendarUrl], writeCalendarId: write ? calendarUrl : null });
  return id;
}

async function offeredIds(): Promise<Set<string>> {
  const dates = await listAvailableDates();
  return new Set(dates.flatMap((d) => d.slots.map((s) => s.id)));
}

async function holdError(slotId: string): Promise<AppError | null> {
  return placeHold(bookingRequest(slotId), { clientSession: "session-calendar-0001" }).then(
    () => null,
    (e: unknown) => e as AppError,
  );
}

describe("busy times from a CalDAV calendar", () => {
  it("hides an overlapping slot, refuses a hold on it, and keeps the others", async () => {
    const busySlot = await createSlot(t.db, { startsAt: ny(2027, 1, 20, 10) });
    const freeSlot = await createSlot(t.db, { startsAt: ny(2027, 1, 20, 12) });
    await radicale.putEvent(calendarUrl, "dentist", veventIcs("dentist", hours(ny(2027, 1, 20, 10), 0.5), hours(ny(2027, 1, 20, 11), 0.5)));
    await connect();
    expect((await offeredIds()).has(busySlot.id)).toBe(true);

    expect(await refreshConnections()).toMatchObject({ refreshed: 1, failed: 0 });
    const offered = await offeredIds();
    expect(offered.has(busySlot.id)).toBe(false);
    expect(offered.has(freeSlot.id)).toBe(true);

    const error = await holdError(busySlot.id);
    expect(error).toBeInstanceOf(AppError);
    expect(error!.status).toBe(409);
    expect(error!.message).toMatch(/no longer free in our calendar/);
    expect(await holdError(freeSlot.id)).toBeNull();
  });

  it("treats transparent and cancelled events as free and expands a recurring one", async () => {
    const transparent = await createSlot(t.db, { startsAt: ny(2027, 1, 21, 10) });
    const cancelled = await createSlot(t.db, { startsAt: ny(2027, 1, 21, 12) });
    const daily = [22, 23, 24, 25].map((d) => ny(2027, 1, d, 9));
    const series = await Promise.all(daily.map((startsAt) => createSlot(t.db, { startsAt })));
    await radicale.putEvent(calendarUrl, "t", veventIcs("t", transparent.startsAt, hours(transparent.startsAt, 1), ["TRANSP:TRANSPARENT"]));
    await radicale.putEvent(calendarUrl, "c", veventIcs("c", cancelled.startsAt, hours(cancelled.startsAt, 1), ["STATUS:CANCELLED"]));
    // Daily 9-10 New York from Jan 22, four times, the 24th excluded.
    await radicale.putEvent(
      calendarUrl,
      "standup",
      [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//t//t//EN",
        "BEGIN:VEVENT",
        "UID:standup",
        "DTSTAMP:20270101T000000Z",
        "DTSTART;TZID=America/New_York:20270122T090000",
        "DTEND;TZID=America/New_York:20270122T100000",
        "RRULE:FREQ=DAILY;COUNT=4",
        "EXDATE;TZID=America/New_York:20270124T090000",
        "END:VEVENT",
        "END:VCALENDAR",
      ].join("\r\n"),
    );
    await connect();
    await refreshConnections();
    const offered = await offeredIds();
    expect(offered.has(transparent.id)).toBe(true);
    expect(offered.has(cancelled.id)).toBe(true);
    expect(series.map((s) => offered.has(s.id))).toEqual([false, false, true, false]);
  });

  it("reads events in another zone and across the business zone's DST change exactly", async () => {
    // 09:00 in Tokyo on Jan 20 is 19:00 in New York on Jan 19.
    const tokyoHit = await createSlot(t.db, { startsAt: ny(2027, 1, 19, 19) });
    const tokyoMiss = await createSlot(t.db, { startsAt: ny(2027, 1, 19, 18) });
    await radicale.putEvent(
      calendarUrl,
      "tokyo",
      [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//t//t//EN",
        "BEGIN:VEVENT",
        "UID:tokyo",
        "DTSTAMP:20270101T000000Z",
        "DTSTART;TZID=Asia/Tokyo:20270120T090000",
        "DTEND;TZID=Asia/Tokyo:20270120T100000",
        "END:VEVENT",
        "END:VCALENDAR",
      ].join("\r\n"),
    );
    // Weekly Mondays 15:00 Berlin: 09:00 New York before Mar 14 (US DST), 10:00 between the US and
    // EU changes, 09:00 again after Mar 28 (EU DST).
    await radicale.putEvent(
      calendarUrl,
      "berlin",
      [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//t//t//EN",
        "BEGIN:VEVENT",
        "UID:berlin-weekly",
        "DTSTAMP:20270101T000000Z",
        "DTSTART;TZID=Europe/Berlin:20270308T150000",
        "DTEND;TZID=Europe/Berlin:20270308T160000",
        "RRULE:FREQ=WEEKLY;COUNT=4",
        "END:VEVENT",
        "END:VCALENDAR",
      ].join("\r\n"),
    );
    const mondays = [8, 15, 22, 29];
    const nine = await Promise.all(mondays.map((d) => createSlot(t.db, { startsAt: ny(2027, 3, d, 9) })));
    const ten = await Promise.all(mondays.map((d) => createSlot(t.db, { startsAt: ny(2027, 3, d, 10) })));
    await connect();
    await refreshConnections();
    const offered = await offeredIds();
    expect(offered.has(tokyoHit.id)).toBe(false);
    expect(offered.has(tokyoMiss.id)).toBe(true);
    expect(nine.map((s) => offered.has(s.id))).toEqual([false, true, true, false]);
    expect(ten.map((s) => offered.has(s.id))).toEqual([true, false, false, true]);
  });
});

describe("write-back to a CalDAV calendar", () => {
  async function confirmedBooking(startsAt: Date) {
    const slot = await createSlot(t.db, { startsAt, priceCents: 0 });
    const hold = await placeHold(bookingRequest(slot.id, { name: "Grace Hopper", email: "grace@example.com" }), {
      clientSession: "session-calendar-0002",
    });
    await t.db.$transaction((tx) => confirmBooking(tx, hold.bookingId, { now: new Date(), meetingUrl: "https://zoom.example.com/j/123" }));
    return hold.bookingId;
  }

  it("creates the event on confirmation, moves it on reschedule, deletes it on cancellation, never twice", async () => {
    const connectionId = await connect(true);
    const bookingId = await confirmedBooking(ny(2027, 1, 26, 10));
    expect(await processCalendarWrites()).toMatchObject({ done: 1, retrying: 0 });
    let objects = await radicale.objects(calendarUrl);
    expect(objects).toHaveLength(1);
    expect(objects[0]).toContain("SUMMARY:Consultation: Grace Hopper");
    expect(objects[0]).toContain("LOCATION:https://zoom.example.com/j/123");
    // The visitor as attendee, without the server sending a second invitation.
    expect(objects[0]).toMatch(/ATTENDEE;[^\n]*CN=Grace Hopper/);
    expect(objects[0]).toContain("SCHEDULE-AGENT=CLIENT");
    expect(objects[0]).toContain("DTSTART:20270126T150000Z");

    // A duplicate delivery (the same row queued again and worked again) changes nothing.
    await t.db.calendarWrite.updateMany({ data: { status: "PENDING", nextAttemptAt: new Date(0) } });
    await processCalendarWrites();
    expect(await radicale.objects(calendarUrl)).toHaveLength(1);

    // Our own event, once in the cache, frees the old time when the booking moves (matched by UID).
    const later = await createSlot(t.db, { startsAt: ny(2027, 1, 26, 11), priceCents: 0 });
    await refreshConnections({ force: true });
    expect(await t.db.calendarBusyInterval.count({ where: { eventUid: { endsWith: "@localhost" } } })).toBe(1);
    const original = (await t.db.booking.findUniqueOrThrow({ where: { id: bookingId } })).slotId;
    await rescheduleBooking(bookingId, later.id);
    await processCalendarWrites();
    objects = await radicale.objects(calendarUrl);
    expect(objects).toHaveLength(1);
    expect(objects[0]).toContain("DTSTART:20270126T160000Z");
    expect(objects[0]).toContain("SEQUENCE:1");
    const stored = await t.db.calendarEvent.findUniqueOrThrow({ where: { connectionId_bookingId: { connectionId, bookingId } } });
    expect(stored.startsAt.toISOString()).toBe("2027-01-26T16:00:00.000Z");
    expect((await offeredIds()).has(original)).toBe(true);

    // Cancelled: the event goes, and its time is offered again before the next refresh.
    await refreshConnections({ force: true });
    await t.db.$transaction((tx) => cancelBooking(tx, bookingId, { now: new Date(), refundCents: 0 }));
    await processCalendarWrites();
    expect(await radicale.objects(calendarUrl)).toHaveLength(0);
    expect(await t.db.calendarEvent.count()).toBe(0);
    expect((await offeredIds()).has(later.id)).toBe(true);
  });

  it("keeps the write queued while the server is down and writes it later", async () => {
    const connectionId = await connect(true);
    vi.spyOn(console, "warn").mockImplementation(() => {});
    // Nothing listens on port 1: the server is "down".
    await t.db.calendarConnection.update({
      where: { id: connectionId },
      data: { serverUrl: "http://127.0.0.1:1/", writeCalendarId: "http://127.0.0.1:1/owner/work/" },
    });
    await confirmedBooking(ny(2027, 1, 27, 10));
    expect(await processCalendarWrites()).toMatchObject({ done: 0, retrying: 1 });
    const row = await t.db.calendarWrite.findFirstOrThrow();
    expect(row.status).toBe("PENDING");
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    await t.db.calendarConnection.update({ where: { id: connectionId }, data: { serverUrl: radicale.url, writeCalendarId: calendarUrl } });
    await t.db.calendarWrite.updateMany({ data: { nextAttemptAt: new Date(0) } });
    expect(await processCalendarWrites()).toMatchObject({ done: 1 });
    expect(await radicale.objects(calendarUrl)).toHaveLength(1);
  });
});
