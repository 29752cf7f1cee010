import { addMinutes } from "date-fns";
import { describe, expect, it } from "vitest";
import { refusal } from "@/tests/helpers/app-error";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { bookingRequest } from "@/tests/helpers/factories";
import { bookingOn, setRule, slotAt } from "@/tests/helpers/rules-fixtures";
import { settings } from "@/lib/settings/settings";
import { listAvailableDates, listAvailableSlotsOn } from "./availability";
import { slotReasons, unbookableExplanation } from "./bookability";
import { placeHold } from "./holds";
import { rescheduleBooking } from "./reschedule";
import { adminConfirmBooking } from "./admin-transitions";
import { bookingRuleBreaches } from "./rule-breaches";
import { confirmFreeBooking, finalizeBookingPayment } from "@/lib/payments/finalize";
import { startBooking } from "@/lib/payments/start-booking";
import { bulkGenerateSlots, createSlot as adminCreateSlot, slotInputSchema } from "./slot-admin";

// Every booking rule through every path: the listing (/api/slots/available and ?date=), the
// hold, the reschedule, the admin's confirm and the admin's bookability. The clock is
// explicit: Wednesday 13 January 2027, 15:00 UTC (London is on UTC in winter).

const t = useTestDatabase();
const NOW = new Date("2027-01-13T15:00:00.000Z");
const actor = { id: "admin-1", email: "owner@example.com" };

async function london() {
  await setRule(t.db, "BUSINESS_TIME_ZONE", "Europe/London");
}

async function visibleIds(now = NOW) {
  return new Set((await listAvailableDates(now)).flatMap((d) => d.slots.map((s) => s.id)));
}

async function reasonOf(slotId: string, now = NOW) {
  const s = await settings(t.db);
  const slot = await t.db.slot.findUniqueOrThrow({ where: { id: slotId }, include: { bookings: true } });
  return (await slotReasons([slot], s, now)).get(slotId) ?? null;
}

const hold = (slotId: string, email = "ada@example.com", now = NOW) =>
  placeHold(bookingRequest(slotId, { email }), { now, clientSession: `session-${email}-0123456789` });

describe("daily cap", () => {
  it("hides and refuses a full business-local day; a lapsed hold does not count", async () => {
    await london();
    await setRule(t.db, "MAX_BOOKINGS_PER_DAY", 2);
    const a = await slotAt(t.db, "2027-01-18T09:00:00Z");
    const b = await slotAt(t.db, "2027-01-18T10:00:00Z");
    const lapsed = await slotAt(t.db, "2027-01-18T11:00:00Z");
    const free = await slotAt(t.db, "2027-01-18T14:00:00Z");
    const nextDay = await slotAt(t.db, "2027-01-19T09:00:00Z");
    await bookingOn(t.db, a.id);
    await bookingOn(t.db, lapsed.id, "PENDING_PAYMENT", { holdExpiresAt: addMinutes(NOW, -1) });
    expect((await visibleIds()).has(free.id)).toBe(true);

    await bookingOn(t.db, b.id, "PENDING_PAYMENT", { holdExpiresAt: addMinutes(NOW, 10) });
    const visible = await visibleIds();
    expect(visible.has(free.id)).toBe(false);
    expect(visible.has(lapsed.id)).toBe(false);
    expect(visible.has(nextDay.id)).toBe(true);
    expect((await listAvailableSlotsOn("2027-01-18", NOW)).map((s) => s.id)).toEqual([]);
    expect((await listAvailableSlotsOn("2027-01-19", NOW)).map((s) => s.id)).toEqual([nextDay.id]);

    const error = await refusal(hold(free.id));
    expect(error.status).toBe(409);
    expect(error.message).toBe("We take at most 2 bookings a day; that day is full. Please pick another day.");
    expect(await reasonOf(free.id)).toBe("day_cap");
    expect(unbookableExplanation("day_cap", await settings(t.db))).toMatch(/MAX_BOOKINGS_PER_DAY/);

    // Once the hold lapses the day has room again.
    const later = addMinutes(NOW, 11);
    expect((await visibleIds(later)).has(free.id)).toBe(true);
    expect((await hold(free.id, "ada@example.com", later)).resumed).toBe(false);
  });

  it("counts the business-local day across a DST change (London, 28 March 2027)", async () => {
    await london();
    await setRule(t.db, "BOOKING_WINDOW_DAYS", 120);
    await setRule(t.db, "MAX_BOOKINGS_PER_DAY", 1);
    // 00:30 GMT and 23:30 BST are the same local Sunday (23 hours long); 00:30 BST Monday is not.
    const early = await slotAt(t.db, "2027-03-28T00:30:00Z", 30);
    const late = await slotAt(t.db, "2027-03-28T22:30:00Z", 30);
    const monday = await slotAt(t.db, "2027-03-28T23:30:00Z", 30);
    await bookingOn(t.db, early.id);
    const visible = await visibleIds();
    expect(visible.has(late.id)).toBe(false);
    expect(visible.has(monday.id)).toBe(true);
  });
});

describe("weekly cap", () => {
  it("uses the ISO week in the business zone: Sunday evening in New York belongs to the week before", async () => {
    await setRule(t.db, "BUSINESS_TIME_ZONE", "America/New_York");
    await setRule(t.db, "MAX_BOOKINGS_PER_WEEK", 2);
    // Week of Monday 18 January (New York).
    await bookingOn(t.db, (await slotAt(t.db, "2027-01-18T15:00:00Z")).id);
    await bookingOn(t.db, (await slotAt(t.db, "2027-01-19T15:00:00Z")).id);
    const sundayEvening = await slotAt(t.db, "2027-01-25T03:00:00Z"); // Sun 24 Jan, 22:00 EST
    const mondayMorning = await slotAt(t.db, "2027-01-25T15:00:00Z"); // Mon 25 Jan, 10:00 EST
    const visible = await visibleIds();
    expect(visible.has(sundayEvening.id)).toBe(false);
    expect(visible.has(mondayMorning.id)).toBe(true);
    const error = await refusal(hold(sundayEvening.id));
    expect(error.message).toMatch(/at most 2 bookings a week/);
    expect(await reasonOf(sundayEvening.id)).toBe("week_cap");
    expect((await hold(mondayMorning.id)).bookingId).toMatch(/^bk_/);
  });

  it("counts a week that spans the DST change in the business zone", async () => {
    await london();
    await setRule(t.db, "BOOKING_WINDOW_DAYS", 120);
    await setRule(t.db, "MAX_BOOKINGS_PER_WEEK", 1);
    await bookingOn(t.db, (await slotAt(t.db, "2027-03-22T10:00:00Z")).id); // Mon 22 March, GMT
    const sundayLate = await slotAt(t.db, "2027-03-28T22:30:00Z", 30); // Sun 28 March 23:30 BST
    const mondayEarly = await slotAt(t.db, "2027-03-28T23:30:00Z", 30); // Mon 29 March 00:30 BST
    const visible = await visibleIds();
    expect(visible.has(sundayLate.id)).toBe(false);
    expect(visible.has(mondayEarly.id)).toBe(true);
  });
});

describe("buffers", () => {
  it("keeps the larger buffer free between meetings, and the buffers free of calendar busy times", async () => {
    await london();
    await setRule(t.db, "BUFFER_AFTER_MINUTES", 30);
    const booked = await slotAt(t.db, "2027-01-18T10:00:00Z", 60);
    await bookingOn(t.db, booked.id);
    const before60 = await slotAt(t.db, "2027-01-18T08:00:00Z", 60); // ends 60 min before
    const before20 = await slotAt(t.db, "2027-01-18T09:00:00Z", 40); // ends 20 min before
    const after0 = await slotAt(t.db, "2027-01-18T11:00:00Z", 30); // starts right after
    const after30 = await slotAt(t.db, "2027-01-18T11:30:00Z", 30); // starts 30 min after
    // A calendar event 13:00–14:00 on Tuesday blocks a slot whose after-buffer reaches it.
    const connection = await t.db.calendarConnection.create({
      data: { provider: "CALDAV", label: "Work", secretSealed: "x", busyCalendarIds: [] },
    });
    await t.db.calendarBusyInterval.create({
      data: { connectionId: connection.id, startsAt: new Date("2027-01-19T13:00:00Z"), endsAt: new Date("2027-01-19T14:00:00Z") },
    });
    const nearBusy = await slotAt(t.db, "2027-01-19T12:00:00Z", 40);
    const afterBusy = await slotAt(t.db, "2027-01-19T14:00:00Z", 30); // no "before" buffer

    const visible = await visibleIds();
    expect([before60, before20, after0, after30, nearBusy, afterBusy].map((s) => visible.has(s.id))).toEqual([
      true,
      false,
      false,
      true,
      false,
      true,
    ]);
    expect((await refusal(hold(after0.id))).message).toMatch(/We keep 30 minutes free between meetings/);
    expect((await refusal(hold(nearBusy.id))).message).toMatch(/no longer free in our calendar/);
    expect(await reasonOf(before20.id)).toBe("buffer");
    expect(await reasonOf(nearBusy.id)).toBe("calendar_busy");
    expect(unbookableExplanation("buffer", await settings(t.db))).toMatch(/30 minutes.*BUFFER_BEFORE_MINUTES/);
  });
});

describe("calendar busy times of any length", () => {
  it("a ten-day absence blocks every slot inside it, among many short events, through the listing, the hold and bookability", async () => {
    await london();
    await setRule(t.db, "BUFFER_BEFORE_MINUTES", 15);
    const connection = await t.db.calendarConnection.create({
      data: { provider: "CALDAV", label: "Work", secretSealed: "x", busyCalendarIds: [] },
    });
    // 200 half-hour events, one every 90 minutes from 14 January, and one absence from 20 to
    // 30 January: the busy check bounds its index walk by the longest cached interval.
    const first = new Date("2027-01-14T00:00:00Z").getTime();
    await t.db.calendarBusyInterval.createMany({
      data: Array.from({ length: 200 }, (_, i) => ({
        connectionId: connection.id,
        startsAt: new Date(first + i * 90 * 60_000),
        endsAt: new Date(first + i * 90 * 60_000 + 30 * 60_000),
      })),
    });
    await t.db.calendarBusyInterval.create({
      data: { connectionId: connection.id, startsAt: new Date("2027-01-20T00:00:00Z"), endsAt: new Date("2027-01-30T00:00:00Z") },
    });
    const lateInAbsence = await slotAt(t.db, "2027-01-29T10:00:00Z", 60);
    const rightAfter = await slotAt(t.db, "2027-01-30T00:15:00Z", 60); // its 15-minute buffer starts where the absence ends
    const bufferInEvent = await slotAt(t.db, "2027-01-14T00:30:00Z", 45); // buffer from 00:15 reaches the 00:00–00:30 event
    const clear = await slotAt(t.db, "2027-01-14T02:15:00Z", 30); // buffer from 02:00, when the 01:30–02:00 event ends

    const visible = await visibleIds();
    expect([lateInAbsence, rightAfter, bufferInEvent, clear].map((slot) => visible.has(slot.id))).toEqual([false, true, false, true]);
    expect((await refusal(hold(lateInAbsence.id))).message).toMatch(/no longer free in our calendar/);
    expect(await reasonOf(lateInAbsence.id)).toBe("calendar_busy");
    expect(await reasonOf(bufferInEvent.id)).toBe("calendar_busy");
    expect(await reasonOf(rightAfter.id)).toBeNull();
  });
});

describe("per-email cap", () => {
  it("counts the visitor's upcoming live bookings, whatever the letter case", async () => {
    await london();
    await setRule(t.db, "MAX_ACTIVE_BOOKINGS_PER_EMAIL", 1);
    const past = await slotAt(t.db, "2027-01-12T10:00:00Z");
    await bookingOn(t.db, past.id, "COMPLETED", { email: "ada@example.com" });
    const first = await slotAt(t.db, "2027-01-18T10:00:00Z");
    const second = await slotAt(t.db, "2027-01-19T10:00:00Z");
    await hold(first.id, "Ada@Example.com");
    const error = await refusal(hold(second.id, "ada@example.com"));
    expect(error.message).toMatch(/You already have 1 upcoming booking/);
    expect((await hold(second.id, "grace@example.com")).resumed).toBe(false);
  });
});

describe("reschedule", () => {
  it("does not count the booking twice on its own day (cap 1), and refuses a full day", async () => {
    await london();
    await setRule(t.db, "MIN_NOTICE_MINUTES", 0);
    await setRule(t.db, "RESCHEDULE_CUTOFF_HOURS", 0);
    await setRule(t.db, "MAX_BOOKINGS_PER_DAY", 1);
    await setRule(t.db, "BUFFER_AFTER_MINUTES", 60);
    const mine = await bookingOn(t.db, (await slotAt(t.db, "2027-01-18T10:00:00Z", 60)).id);
    // Right after its own slot: its old time must not block it through the buffer.
    const sameDay = await slotAt(t.db, "2027-01-18T11:00:00Z", 60);
    await rescheduleBooking(mine.id, sameDay.id, NOW);
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: mine.id } })).slotId).toBe(sameDay.id);

    await bookingOn(t.db, (await slotAt(t.db, "2027-01-19T09:00:00Z")).id);
    const fullDay = await slotAt(t.db, "2027-01-19T15:00:00Z");
    const error = await refusal(rescheduleBooking(mine.id, fullDay.id, NOW));
    expect(error.message).toMatch(/at most 1 booking a day/);
  });

  it("the reschedule picker lists what the reschedule accepts: the moving booking blocks no time of its own", async () => {
    await london();
    await setRule(t.db, "MIN_NOTICE_MINUTES", 0);
    await setRule(t.db, "MAX_BOOKINGS_PER_DAY", 1);
    await setRule(t.db, "BUFFER_AFTER_MINUTES", 60);
    const mine = await bookingOn(t.db, (await slotAt(t.db, "2027-01-18T10:00:00Z", 60)).id);
    const next = await slotAt(t.db, "2027-01-18T11:00:00Z", 60);
    // For anyone else the next hour is inside the buffer and the day is full ...
    expect((await visibleIds()).has(next.id)).toBe(false);
    // ... but the booking being moved frees both when it moves.
    const picker = await listAvailableDates(NOW, { movingBookingId: mine.id });
    expect(picker.flatMap((d) => d.slots.map((x) => x.id))).toContain(next.id);
    expect((await listAvailableSlotsOn("2027-01-18", NOW, { movingBookingId: mine.id })).map((x) => x.id)).toContain(next.id);
  });

  it("refuses a time inside another booking's buffer", async () => {
    await london();
    await setRule(t.db, "RESCHEDULE_CUTOFF_HOURS", 0);
    await setRule(t.db, "BUFFER_BEFORE_MINUTES", 15);
    const mine = await bookingOn(t.db, (await slotAt(t.db, "2027-01-18T09:00:00Z")).id);
    await bookingOn(t.db, (await slotAt(t.db, "2027-01-20T10:00:00Z")).id);
    const tooClose = await slotAt(t.db, "2027-01-20T11:00:00Z");
    expect((await refusal(rescheduleBooking(mine.id, tooClose.id, NOW))).message).toMatch(/We keep 15 minutes free/);
  });
});

describe("rules tightened after booking", () => {
  it("keeps existing bookings, says which break the rules now, and lets the admin confirm with a warning", async () => {
    await london();
    const a = await bookingOn(t.db, (await slotAt(t.db, "2027-01-18T09:00:00Z")).id);
    const b = await bookingOn(t.db, (await slotAt(t.db, "2027-01-18T10:00:00Z")).id);
    const lapsed = await bookingOn(t.db, (await slotAt(t.db, "2027-01-18T12:00:00Z")).id, "EXPIRED", {
      holdExpiresAt: addMinutes(NOW, -5),
    });
    const other = await bookingOn(t.db, (await slotAt(t.db, "2027-01-19T10:00:00Z")).id);
    await setRule(t.db, "MAX_BOOKINGS_PER_DAY", 1);

    const breaches = await bookingRuleBreaches([a.id, b.id, lapsed.id, other.id], await settings(t.db), NOW);
    expect(breaches.get(a.id)).toEqual(["2 bookings on Mon 18 Jan; the daily cap is 1 (MAX_BOOKINGS_PER_DAY)."]);
    expect(breaches.has(b.id)).toBe(true);
    expect(breaches.has(lapsed.id)).toBe(false);
    expect(breaches.has(other.id)).toBe(false);

    const { warnings } = await adminConfirmBooking(actor, lapsed.id, NOW);
    expect(warnings).toEqual(["3 bookings on Mon 18 Jan; the daily cap is 1 (MAX_BOOKINGS_PER_DAY)."]);
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: lapsed.id } })).status).toBe("CONFIRMED");
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "booking.confirm", bookingId: lapsed.id } });
    expect(JSON.stringify(audit.after)).toContain("rulesOverridden");
    // Nothing to warn about when no rule is broken.
    const fine = await bookingOn(t.db, (await slotAt(t.db, "2027-01-21T12:00:00Z")).id, "EXPIRED", { holdExpiresAt: NOW });
    expect((await adminConfirmBooking(actor, fine.id, NOW)).warnings).toEqual([]);
  });
});

describe("bookability agrees with availability under the rules", () => {
  it("gives a reason for exactly the slots visitors do not see", async () => {
    await london();
    await setRule(t.db, "BUFFER_BEFORE_MINUTES", 30);
    await setRule(t.db, "MAX_BOOKINGS_PER_DAY", 2);
    await setRule(t.db, "MAX_BOOKINGS_PER_WEEK", 3);
    const slots = await Promise.all(
      [
        "2027-01-18T09:00:00Z",
        "2027-01-18T10:00:00Z",
        "2027-01-18T14:00:00Z",
        "2027-01-19T09:00:00Z",
        "2027-01-19T10:05:00Z",
        "2027-01-20T12:00:00Z",
        "2027-01-26T12:00:00Z",
      ].map((iso) => slotAt(t.db, iso, 45)),
    );
    await bookingOn(t.db, slots[0]!.id);
    await bookingOn(t.db, slots[1]!.id);
    await bookingOn(t.db, slots[3]!.id);
    const s = await settings(t.db);
    const rows = await t.db.slot.findMany({ include: { bookings: true } });
    const reasons = await slotReasons(rows, s, NOW);
    const visible = await visibleIds();
    for (const row of rows)
      expect({ id: row.id, visible: visible.has(row.id) }).toEqual({ id: row.id, visible: reasons.get(row.id) === null });
    expect(slots.map((x) => reasons.get(x.id))).toEqual(["booked", "booked", "day_cap", "booked", "buffer", "week_cap", null]);
  });
});

describe("slot creation warns about the rules", () => {
  it("says when a created slot is hidden by a cap, and counts the bulk generator's hidden slots", async () => {
    await london();
    await setRule(t.db, "MAX_BOOKINGS_PER_DAY", 1);
    await bookingOn(t.db, (await slotAt(t.db, "2027-01-18T09:00:00Z")).id);
    const input = slotInputSchema.parse({
      date: "2027-01-18",
      time: "15:00",
      durationMinutes: "30",
      methods: ["ZOOM"],
      amount: "0",
      isAvailable: "on",
    });
    expect((await adminCreateSlot(actor, input, "Europe/London", NOW)).hiddenBecause).toMatch(/daily cap \(MAX_BOOKINGS_PER_DAY\)/);

    const bulk = await bulkGenerateSlots(
      actor,
      { days: 7, startHour: 9, endHour: 12, durationMinutes: 60, amount: 0, methods: ["ZOOM"] },
      "Europe/London",
      NOW,
    );
    expect(bulk.created).toBeGreaterThan(0);
    const dayCap = bulk.hidden.find((h) => h.reason === "day_cap");
    expect(dayCap?.count).toBeGreaterThan(0);
    expect(dayCap?.explanation).toMatch(/MAX_BOOKINGS_PER_DAY/);
  });
});

describe("late payment of a lapsed hold", () => {
  async function paidSlotAt(iso: string) {
    return t.db.slot.create({
      data: { startsAt: new Date(iso), durationMinutes: 60, priceCents: 1000, currency: "usd", requiresPayment: true, methods: ["ZOOM"] },
    });
  }

  it("is a new claim: a day filled while it had lapsed is refused (free) or released (paid, authorised)", async () => {
    await london();
    await setRule(t.db, "MIN_NOTICE_MINUTES", 0);
    const free = await slotAt(t.db, "2027-01-18T09:00:00Z");
    const paid = await paidSlotAt("2027-01-18T11:00:00Z");
    const freeHold = await hold(free.id, "ada@example.com");
    const paidHold = await startBooking(bookingRequest(paid.id, { email: "grace@example.com" }), {
      now: NOW,
      clientSession: "session-grace-0123456789",
    });
    // Both holds lapse; the day's only place goes to someone else; then the rule is a cap of 1.
    const later = addMinutes(NOW, 30);
    await bookingOn(t.db, (await slotAt(t.db, "2027-01-18T14:00:00Z")).id);
    await setRule(t.db, "MAX_BOOKINGS_PER_DAY", 1);

    const refused = await refusal(confirmFreeBooking(freeHold.bookingId, later));
    expect(refused.code).toBe("slot_taken");
    expect(refused.message).toMatch(/at most 1 booking a day/);
    // A refundable fee is only authorised (ADR 121): losing the place releases it, nothing charged.
    expect((await finalizeBookingPayment(paidHold.booking.id, later)).outcome).toBe("released_slot_taken");
    expect(await t.db.payment.findUniqueOrThrow({ where: { bookingId: paidHold.booking.id } })).toMatchObject({ status: "RELEASED" });
    const rows = await t.db.booking.findMany({ where: { id: { in: [freeHold.bookingId, paidHold.booking.id] } } });
    expect(rows.every((b) => b.confirmedAt === null)).toBe(true);
  });

  it("a hold still live when paid kept its place: it confirms even under a rule tightened meanwhile", async () => {
    await london();
    await setRule(t.db, "MIN_NOTICE_MINUTES", 0);
    const slot = await slotAt(t.db, "2027-01-18T09:00:00Z");
    const live = await hold(slot.id, "ada@example.com");
    await bookingOn(t.db, (await slotAt(t.db, "2027-01-18T14:00:00Z")).id);
    await setRule(t.db, "MAX_BOOKINGS_PER_DAY", 1);
    expect((await confirmFreeBooking(live.bookingId, addMinutes(NOW, 1))).outcome).toBe("confirmed");
  });
});
