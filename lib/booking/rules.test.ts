import { describe, expect, it } from "vitest";
import { settingDefaults } from "@/lib/settings/settings";
import {
  beforeRescheduleCutoff,
  bookingRules,
  localDateKey,
  localWeekKey,
  meetingGap,
  ruleLockKeys,
  ruleRefusal,
  type BookingRules,
} from "./rules";

const rules = (over: Partial<BookingRules> = {}): BookingRules => ({
  ...bookingRules(settingDefaults()),
  timeZone: "Europe/London",
  bufferBefore: 0,
  bufferAfter: 0,
  dayCap: 0,
  weekCap: 0,
  emailCap: 0,
  ...over,
});
const slot = (start: string, minutes = 60) => ({
  startsAt: new Date(start),
  endsAt: new Date(new Date(start).getTime() + minutes * 60_000),
});

describe("booking rules (pure parts)", () => {
  it("keeps the larger buffer between meetings", () => {
    expect(meetingGap(rules({ bufferBefore: 10, bufferAfter: 25 }))).toBe(25);
  });

  it("takes no lock when no cross-booking rule is set", () => {
    expect(ruleLockKeys(rules(), slot("2027-01-18T10:00:00Z"), "a@example.com")).toEqual([]);
  });

  it("locks every business-local day a buffered slot touches, in sorted order", () => {
    const oneDay = ruleLockKeys(rules({ dayCap: 2 }), slot("2027-01-18T10:00:00Z"));
    expect(oneDay).toHaveLength(1);
    const acrossMidnight = ruleLockKeys(rules({ bufferAfter: 30 }), slot("2027-01-18T23:00:00Z"));
    expect(acrossMidnight).toHaveLength(2);
    expect(acrossMidnight).toEqual([...acrossMidnight].sort((a, b) => a - b));
    // Two slots whose buffers meet share a lock.
    const next = ruleLockKeys(rules({ bufferAfter: 30 }), slot("2027-01-19T00:00:00Z"));
    expect(next.some((k) => acrossMidnight.includes(k))).toBe(true);
  });

  it("locks the email case-insensitively, and the week only with a weekly cap", () => {
    const r = rules({ emailCap: 1 });
    expect(ruleLockKeys(r, slot("2027-01-18T10:00:00Z"), "Ada@Example.com")).toEqual(
      ruleLockKeys(r, slot("2027-01-20T10:00:00Z"), "ada@example.com "),
    );
    const w = rules({ weekCap: 3 });
    expect(ruleLockKeys(w, slot("2027-01-18T10:00:00Z"))).toEqual(ruleLockKeys(w, slot("2027-01-24T20:00:00Z")));
    expect(ruleLockKeys(w, slot("2027-01-18T10:00:00Z"))).not.toEqual(ruleLockKeys(w, slot("2027-01-25T10:00:00Z")));
  });

  it("names days and ISO weeks in the business zone (Sunday/Monday, DST)", () => {
    expect(localDateKey(new Date("2027-01-25T03:00:00Z"), "America/New_York")).toBe("2027-01-24");
    expect(localWeekKey(new Date("2027-01-25T03:00:00Z"), "America/New_York")).toBe("2027-W03");
    expect(localWeekKey(new Date("2027-01-25T03:00:00Z"), "Europe/London")).toBe("2027-W04");
    expect(localWeekKey(new Date("2027-03-28T22:30:00Z"), "Europe/London")).toBe("2027-W12");
    expect(localWeekKey(new Date("2027-03-28T23:30:00Z"), "Europe/London")).toBe("2027-W13");
    expect(localWeekKey(new Date("2027-01-01T12:00:00Z"), "Europe/London")).toBe("2026-W53");
  });

  it("says which rule refused, with its number", () => {
    expect(ruleRefusal("day_cap", rules({ dayCap: 2 }))).toBe(
      "We take at most 2 bookings a day; that day is full. Please pick another day.",
    );
    expect(ruleRefusal("week_cap", rules({ weekCap: 1 }))).toMatch(/at most 1 booking a week/);
  });

  it("closes rescheduling at the cut-off", () => {
    const r = rules({ rescheduleCutoffHours: 24 });
    const start = new Date("2027-01-18T10:00:00Z");
    expect(beforeRescheduleCutoff(r, start, new Date("2027-01-17T09:59:00Z"))).toBe(true);
    expect(beforeRescheduleCutoff(r, start, new Date("2027-01-17T10:00:00Z"))).toBe(false);
  });
});
