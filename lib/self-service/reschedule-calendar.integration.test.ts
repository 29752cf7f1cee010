import { addDays } from "date-fns";
import { describe, expect, it } from "vitest";
import { listDateCounts } from "@/lib/booking/availability-calendar";
import { dateKeyInZone } from "@/lib/format";
import { setRule, slotAt } from "@/tests/helpers/rules-fixtures";
import { refusal } from "@/tests/helpers/app-error";
import { confirmedWithManageLink } from "@/tests/helpers/manage-link";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { rescheduleDateCountsBody, rescheduleStart, rescheduleTimesBody } from "./reschedule-calendar";

// The manage page's calendar reads, through the visitor's link: what the booking could move
// to, month by month and date by date, on the worker's pinned clock.

const t = useTestDatabase();

/** 10:00 UTC, `days` from the pinned now. */
const dayAt = (days: number, hour: number) => {
  const d = addDays(new Date(), days);
  d.setUTCHours(hour, 0, 0, 0);
  return d;
};

const confirmedAt = (startsAt: Date) => confirmedWithManageLink(t.db, startsAt);

describe("the reschedule calendar's reads", () => {
  it("list the month and the date the booking could move to, the booking left out of its own daily cap", async () => {
    await setRule(t.db, "BUSINESS_TIME_ZONE", "UTC");
    await setRule(t.db, "MAX_BOOKINGS_PER_DAY", 1);
    const current = dayAt(5, 10);
    const { token } = await confirmedAt(current);
    const sameDay = await slotAt(t.db, dayAt(5, 14).toISOString());
    const nextDay = await slotAt(t.db, dayAt(6, 9).toISOString());
    const day = dateKeyInZone(current, "UTC");
    const month = day.slice(0, 7);

    // Everyone else sees the day as full (its one booking), so it is not offered to them.
    expect((await listDateCounts(month, new Date(), {}, "UTC")).find((d) => d.date === day)).toBeUndefined();
    // Moving the day's one booking within the day keeps it at one: offered.
    const counts = JSON.parse((await rescheduleDateCountsBody(token, month, "UTC")).json) as { date: string; count: number }[];
    expect(counts.find((d) => d.date === day)).toEqual({ date: day, count: 1 });
    const times = JSON.parse((await rescheduleTimesBody(token, day, "UTC")).json) as { id: string }[];
    expect(times.map((s) => s.id)).toEqual([sameDay.id]);
    const nextKey = dateKeyInZone(nextDay.startsAt, "UTC");
    expect((JSON.parse((await rescheduleTimesBody(token, nextKey, "UTC")).json) as { id: string }[]).map((s) => s.id)).toEqual([
      nextDay.id,
    ]);
  });

  it("answer in the zone asked for: 23:30 UTC is the next day in Tokyo", async () => {
    await setRule(t.db, "BUSINESS_TIME_ZONE", "UTC");
    const { token } = await confirmedAt(dayAt(4, 10));
    const late = await slotAt(t.db, new Date(dayAt(7, 23).getTime() + 30 * 60_000).toISOString());
    const tokyoKey = dateKeyInZone(late.startsAt, "Asia/Tokyo");
    expect(tokyoKey).not.toBe(dateKeyInZone(late.startsAt, "UTC"));
    const body = await rescheduleTimesBody(token, tokyoKey, "Asia/Tokyo");
    expect(body.timeZone).toBe("Asia/Tokyo");
    expect((JSON.parse(body.json) as { id: string }[]).map((s) => s.id)).toEqual([late.id]);
  });

  it("refuse a wrong link, and a booking that can no longer move, saying why", async () => {
    const { token, bookingId } = await confirmedAt(dayAt(5, 10));
    const month = dateKeyInZone(dayAt(5, 10), "UTC").slice(0, 7);
    const tampered = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    expect((await refusal(rescheduleDateCountsBody(tampered, month, "UTC"))).code).toBe("not_found");

    await setRule(t.db, "RESCHEDULE_CUTOFF_HOURS", 24 * 6);
    const late = await refusal(rescheduleTimesBody(token, month + "-01", "UTC"));
    expect(late.code).toBe("reschedule_not_allowed");
    expect(late.status).toBe(409);
    expect(late.message).toBe("Bookings can be rescheduled up to 144 hours before the start. Please contact us to change this one.");

    await setRule(t.db, "RESCHEDULE_CUTOFF_HOURS", 24);
    await t.db.booking.update({ where: { id: bookingId }, data: { status: "CANCELLED", cancelledAt: new Date() } });
    expect((await refusal(rescheduleDateCountsBody(token, month, "UTC"))).message).toBe("Only a confirmed booking can be rescheduled.");
  });

  it("start on the booking's own month, or say there is nothing else", async () => {
    await setRule(t.db, "BUSINESS_TIME_ZONE", "UTC");
    await setRule(t.db, "BOOKING_WINDOW_DAYS", 90);
    const current = dayAt(60, 10);
    const { bookingId } = await confirmedAt(current);
    const view = { bookingId, startsAt: current.toISOString(), windowDays: 90 };
    expect(await rescheduleStart(view, "UTC")).toEqual({
      hasOpenTimes: false,
      month: dateKeyInZone(current, "UTC").slice(0, 7),
      dates: [],
    });

    const soon = await slotAt(t.db, dayAt(3, 9).toISOString());
    const start = await rescheduleStart(view, "UTC");
    expect(start.hasOpenTimes).toBe(true);
    // The calendar opens where the booking is, not on the first open month.
    expect(start.month).toBe(dateKeyInZone(current, "UTC").slice(0, 7));
    // Out of the window (it shrank since), the first month with open times instead.
    const shrunk = await rescheduleStart({ ...view, windowDays: 30 }, "UTC");
    const soonKey = dateKeyInZone(soon.startsAt, "UTC");
    expect(shrunk.month).toBe(soonKey.slice(0, 7));
    expect(shrunk.dates).toContainEqual({ date: soonKey, count: 1 });
  });
});
