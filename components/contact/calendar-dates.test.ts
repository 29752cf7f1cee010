import { describe, expect, it } from "vitest";
import { addDaysToKey, addMonthsToKey, dayLabel, monthGrid, monthLabel, monthOfKey, shiftMonth } from "./calendar-dates";

describe("calendar dates", () => {
  it("adds days across month and year ends", () => {
    expect(addDaysToKey("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDaysToKey("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDaysToKey("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("moves by months, clamping to the shorter month", () => {
    expect(addMonthsToKey("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonthsToKey("2026-12-15", 1)).toBe("2027-01-15");
    expect(addMonthsToKey("2026-03-31", -1)).toBe("2026-02-28");
    expect(shiftMonth({ year: 2026, month: 11 }, 1)).toEqual({ year: 2027, month: 0 });
  });

  it("draws only the Sunday-first weeks that hold a day of the month", () => {
    const november = monthGrid(monthOfKey("2026-11-24"));
    expect(november).toHaveLength(5);
    expect(november[0]).toEqual(["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06", "2026-11-07"]);
    expect(november.flat().filter(Boolean)).toHaveLength(30);
    const february = monthGrid({ year: 2026, month: 1 });
    expect(february).toHaveLength(4);
    expect(february[0]![0]).toBe("2026-02-01");
    expect(february[3]![6]).toBe("2026-02-28");
    // May 2026 starts on a Friday and needs all six weeks.
    expect(monthGrid({ year: 2026, month: 4 })).toHaveLength(6);
    for (let month = 0; month < 24; month++) {
      for (const week of monthGrid({ year: 2026 + Math.floor(month / 12), month: month % 12 })) expect(week.some(Boolean)).toBe(true);
    }
  });

  it("labels months and days in English", () => {
    expect(monthLabel({ year: 2026, month: 10 })).toBe("November 2026");
    expect(dayLabel("2026-11-25")).toBe("Wednesday, November 25");
  });
});
