import { describe, expect, it } from "vitest";
import { TZDate } from "@date-fns/tz";
import { DEFAULT_SCHEDULE, planSchedule, type WeeklySchedule } from "./slot-generator";

const h = (hours: number, minutes = 0) => hours * 60 + minutes;
const schedule = (overrides: Partial<WeeklySchedule> = {}): WeeklySchedule => ({ ...DEFAULT_SCHEDULE, ...overrides });
const iso = (slots: { startsAt: Date }[]) => slots.map((s) => s.startsAt.toISOString());
const local = (slots: { startsAt: Date }[], tz: string) =>
  slots.map((s) => {
    const d = new TZDate(s.startsAt.getTime(), tz);
    return `${d.getDate()} ${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
  });

describe("planSchedule: daylight-saving changes (wall-clock times in the business zone)", () => {
  // A Sunday range across the 1–4 a.m. hours, the hours every change touches.
  const night = schedule({ weekly: [{ weekday: 7, startMinute: h(0), endMinute: h(4) }] });

  it("America/New_York spring forward: 2:00 does not exist and is skipped, the rest keep their wall-clock hour", () => {
    const slots = planSchedule(night, { from: new Date("2026-03-07T12:00:00Z"), days: 2, timeZone: "America/New_York" });
    expect(local(slots, "America/New_York")).toEqual(["8 00:00", "8 01:00", "8 03:00"]);
    expect(iso(slots)).toEqual(["2026-03-08T05:00:00.000Z", "2026-03-08T06:00:00.000Z", "2026-03-08T07:00:00.000Z"]);
  });

  it("America/New_York fall back: the repeated 1:00 hour gives one slot", () => {
    const slots = planSchedule(night, { from: new Date("2026-10-31T12:00:00Z"), days: 2, timeZone: "America/New_York" });
    expect(local(slots, "America/New_York")).toEqual(["1 00:00", "1 01:00", "1 02:00", "1 03:00"]);
    expect(new Set(iso(slots)).size).toBe(4);
  });

  it("Europe/London spring forward: 1:00 does not exist and is skipped", () => {
    const slots = planSchedule(night, { from: new Date("2026-03-28T12:00:00Z"), days: 2, timeZone: "Europe/London" });
    expect(local(slots, "Europe/London")).toEqual(["29 00:00", "29 02:00", "29 03:00"]);
    expect(iso(slots)).toEqual(["2026-03-29T00:00:00.000Z", "2026-03-29T01:00:00.000Z", "2026-03-29T02:00:00.000Z"]);
  });

  it("Europe/London fall back: the repeated 1:00 hour gives one slot", () => {
    const slots = planSchedule(night, { from: new Date("2026-10-24T12:00:00Z"), days: 2, timeZone: "Europe/London" });
    expect(local(slots, "Europe/London")).toEqual(["25 00:00", "25 01:00", "25 02:00", "25 03:00"]);
    expect(new Set(iso(slots)).size).toBe(4);
  });

  it("a 90-minute meeting across the spring jump never overlaps the next slot in real time", () => {
    const slots = planSchedule(schedule({ durationMinutes: 90, weekly: [{ weekday: 7, startMinute: h(0), endMinute: h(6) }] }), {
      from: new Date("2026-03-07T12:00:00Z"),
      days: 2,
      timeZone: "America/New_York",
    });
    for (let i = 1; i < slots.length; i++) {
      expect(slots[i]!.startsAt.getTime()).toBeGreaterThanOrEqual(slots[i - 1]!.startsAt.getTime() + 90 * 60_000);
    }
    expect(slots.length).toBeGreaterThan(0);
  });
});

describe("planSchedule: ranges and overrides", () => {
  const from = new Date("2027-01-11T05:00:00Z"); // Monday 2027-01-11, 00:00 New York
  const tz = "America/New_York";

  it("fills several ranges of a day and leaves the gap between them", () => {
    const slots = planSchedule(
      schedule({
        weekly: [
          { weekday: 1, startMinute: h(13), endMinute: h(15) },
          { weekday: 1, startMinute: h(9), endMinute: h(11) },
        ],
      }),
      { from, days: 1, timeZone: tz },
    );
    expect(local(slots, tz)).toEqual(["11 09:00", "11 10:00", "11 13:00", "11 14:00"]);
  });

  it("a range shorter than the meeting gives no slot, and a remainder is not filled", () => {
    const slots = planSchedule(
      schedule({
        durationMinutes: 45,
        weekly: [
          { weekday: 1, startMinute: h(9), endMinute: h(9, 30) },
          { weekday: 1, startMinute: h(10), endMinute: h(11, 40) },
        ],
      }),
      { from, days: 1, timeZone: tz },
    );
    expect(local(slots, tz)).toEqual(["11 10:00", "11 10:45"]);
  });

  it("a day off override empties a weekday, and special hours replace its hours", () => {
    const slots = planSchedule(
      schedule({
        overrides: [
          { date: "2027-01-11", ranges: [] },
          { date: "2027-01-12", ranges: [{ startMinute: h(12), endMinute: h(14) }] },
          // Special hours on a Saturday, which has none by default.
          { date: "2027-01-16", ranges: [{ startMinute: h(10), endMinute: h(11) }] },
        ],
      }),
      { from, days: 7, timeZone: tz },
    );
    const byDay = local(slots, tz).map((s) => s.split(" ")[0]);
    expect(byDay.filter((d) => d === "11")).toHaveLength(0);
    expect(local(slots, tz).filter((s) => s.startsWith("12 "))).toEqual(["12 12:00", "12 13:00"]);
    expect(local(slots, tz).filter((s) => s.startsWith("16 "))).toEqual(["16 10:00"]);
    expect(byDay.filter((d) => d === "13")).toHaveLength(8);
    expect(byDay.filter((d) => d === "17")).toHaveLength(0);
  });

  it("the default schedule is Mon–Fri 9–17, 60 minutes, $10, all methods", () => {
    const slots = planSchedule(DEFAULT_SCHEDULE, { from, days: 7, timeZone: tz });
    expect(slots).toHaveLength(40);
    expect(slots[0]).toMatchObject({ durationMinutes: 60, priceCents: 1000, currency: "usd", requiresPayment: true });
    expect(slots[0]!.methods).toEqual(["ZOOM", "TEAMS", "PHONE", "GOOGLE_MEET"]);
  });
});
