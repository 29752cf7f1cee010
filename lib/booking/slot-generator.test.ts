import { describe, expect, it } from "vitest";
import { TZDate } from "@date-fns/tz";
import { parseAmountToCents } from "@/lib/format";
import { DEFAULT_PLAN, parseMethodList, planSlots, type SlotPlanOptions } from "./slot-generator";

const plan = (overrides: Partial<SlotPlanOptions> = {}): SlotPlanOptions => ({
  ...DEFAULT_PLAN,
  methods: [...DEFAULT_PLAN.methods],
  timeZone: "America/New_York",
  ...overrides,
});

const localHours = (slots: { startsAt: Date }[], tz: string) => slots.map((s) => new TZDate(s.startsAt.getTime(), tz).getHours());

describe("planSlots", () => {
  it("fills weekdays only, on the hour grid between start and end hour", () => {
    // Monday 2026-03-02 00:30 New York time.
    const from = new Date("2026-03-02T05:30:00Z");
    const slots = planSlots(plan({ days: 7 }), from);
    const days = new Set(slots.map((s) => new TZDate(s.startsAt.getTime(), "America/New_York").getDay()));
    expect([...days].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(slots).toHaveLength(5 * 8);
    expect(localHours(slots.slice(0, 8), "America/New_York")).toEqual([9, 10, 11, 12, 13, 14, 15, 16]);
  });

  it("keeps 9:00 local across the US spring-forward week (UTC offset changes)", () => {
    // DST starts Sunday 2026-03-08 in the US.
    const from = new Date("2026-03-05T12:00:00Z");
    const slots = planSlots(plan({ days: 7, startHour: 9, endHour: 10 }), from);
    expect(slots.map((s) => s.startsAt.toISOString())).toEqual([
      "2026-03-05T14:00:00.000Z", // Thu, EST (UTC-5)
      "2026-03-06T14:00:00.000Z", // Fri, EST
      "2026-03-09T13:00:00.000Z", // Mon, EDT (UTC-4)
      "2026-03-10T13:00:00.000Z",
      "2026-03-11T13:00:00.000Z",
    ]);
  });

  it("keeps 9:00 local across the European autumn change", () => {
    // DST ends Sunday 2026-10-25 in the EU.
    const from = new Date("2026-10-23T06:00:00Z");
    const slots = planSlots(plan({ days: 4, startHour: 9, endHour: 10, timeZone: "Europe/Berlin" }), from);
    expect(slots.map((s) => s.startsAt.toISOString())).toEqual([
      "2026-10-23T07:00:00.000Z", // Fri, CEST (UTC+2)
      "2026-10-26T08:00:00.000Z", // Mon, CET (UTC+1)
    ]);
  });

  it("skips a wall-clock time that does not exist on a weekday DST jump", () => {
    // Egypt springs forward on the last Friday of April at 00:00 -> 01:00.
    const from = new Date("2026-04-23T12:00:00Z");
    const slots = planSlots(plan({ days: 2, startHour: 0, endHour: 2, timeZone: "Africa/Cairo" }), from);
    const friday = slots.filter((s) => new TZDate(s.startsAt.getTime(), "Africa/Cairo").getDate() === 24);
    expect(localHours(friday, "Africa/Cairo")).toEqual([1]);
    expect(new Set(slots.map((s) => s.startsAt.getTime())).size).toBe(slots.length);
  });

  it("fits 45-minute slots without crossing the end hour and marks free slots", () => {
    const from = new Date("2026-03-02T05:30:00Z");
    const slots = planSlots(plan({ days: 1, startHour: 9, endHour: 11, durationMinutes: 45, priceCents: 0 }), from);
    expect(slots.map((s) => new TZDate(s.startsAt.getTime(), "America/New_York").toTimeString().slice(0, 5))).toEqual(["09:00", "09:45"]);
    expect(slots.every((s) => s.requiresPayment === false)).toBe(true);
  });
});

describe("parsing helpers", () => {
  it("parses dollar amounts to integer cents exactly", () => {
    expect(parseAmountToCents("10")).toBe(1000);
    expect(parseAmountToCents("10.5")).toBe(1050);
    expect(parseAmountToCents("0.29")).toBe(29);
    expect(parseAmountToCents("10.999")).toBeUndefined();
    expect(parseAmountToCents("-1")).toBeUndefined();
    expect(parseAmountToCents("ten")).toBeUndefined();
  });

  it("parses method lists with aliases and rejects unknown ones", () => {
    expect(parseMethodList("zoom, meet,phone")).toEqual(["ZOOM", "GOOGLE_MEET", "PHONE"]);
    expect(parseMethodList("zoom,skype")).toMatch(/unknown method "skype"/);
  });
});
