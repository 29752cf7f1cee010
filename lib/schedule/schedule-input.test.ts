import { describe, expect, it } from "vitest";
import { dateOverrideInput, formatRanges, parseRanges, weeklyScheduleInput } from "./schedule-input";

const form = (overrides: Record<string, unknown> = {}) => ({
  hours1: "09:00-12:00, 13:00-17:00",
  hours2: "",
  durationMinutes: "60",
  amount: "10.00",
  currency: "USD",
  methods: ["ZOOM", "PHONE"],
  ...overrides,
});

describe("schedule input", () => {
  it("parses several ranges per day, in any order, and formats them back", () => {
    expect(parseRanges("13:00-17:00, 9:00 – 12:30")).toEqual([
      { startMinute: 540, endMinute: 750 },
      { startMinute: 780, endMinute: 1020 },
    ]);
    expect(parseRanges("")).toEqual([]);
    expect(parseRanges("20:00-24:00")).toEqual([{ startMinute: 1200, endMinute: 1440 }]);
    expect(
      formatRanges([
        { startMinute: 780, endMinute: 1020 },
        { startMinute: 540, endMinute: 720 },
      ]),
    ).toBe("09:00-12:00, 13:00-17:00");
  });

  it("refuses backwards, out-of-day and overlapping ranges with a message naming them", () => {
    expect(parseRanges("12:00-09:00")).toMatch(/end must be after the start/);
    expect(parseRanges("09:00-25:00")).toMatch(/not a range/);
    expect(parseRanges("nine to five")).toMatch(/not a range/);
    expect(parseRanges("09:00-12:00, 11:00-13:00")).toBe("09:00-12:00 and 11:00-13:00 overlap");
  });

  it("builds the schedule value, with per-field errors for each bad field", () => {
    const ok = weeklyScheduleInput.parse(form());
    expect(ok.intent).toBe("save");
    expect(ok.schedule).toMatchObject({ durationMinutes: 60, priceCents: 1000, currency: "usd", methods: ["ZOOM", "PHONE"] });
    expect(ok.schedule.weekly).toEqual([
      { weekday: 1, startMinute: 540, endMinute: 720 },
      { weekday: 1, startMinute: 780, endMinute: 1020 },
    ]);

    const bad = weeklyScheduleInput.safeParse(form({ hours3: "10:00-09:00", durationMinutes: "2", amount: "ten", methods: undefined }));
    expect(bad.success).toBe(false);
    const fields = new Set(bad.error!.issues.map((i) => String(i.path[0])));
    expect(fields).toEqual(new Set(["hours3", "durationMinutes", "amount", "methods"]));
  });

  it("a date override with no hours is a day off", () => {
    expect(dateOverrideInput.parse({ date: "2027-01-18", hours: "", note: "Holiday" })).toEqual({
      date: "2027-01-18",
      hours: [],
      note: "Holiday",
    });
    expect(dateOverrideInput.safeParse({ date: "2027-02-30", hours: "" }).success).toBe(false);
  });
});
