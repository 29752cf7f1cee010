import { describe, expect, it } from "vitest";
import { parseInsightsRange, rangeQuery, weeksOf } from "./insights-range";

const ZONE = "America/New_York";
const NOW = new Date("2027-01-13T15:00:00Z");

describe("insights range", () => {
  it("defaults to the last 12 weeks up to today in the business zone, with the 12 weeks before", () => {
    const r = parseInsightsRange({}, ZONE, NOW);
    expect(r.ok && r.range).toMatchObject({
      preset: "12w",
      current: { from: "2026-10-22", to: "2027-01-13", days: 84 },
      previous: { from: "2026-07-30", to: "2026-10-21", days: 84 },
    });
  });

  it("takes today from the business zone, not UTC", () => {
    const r = parseInsightsRange({ range: "4w" }, ZONE, new Date("2027-01-14T03:00:00Z"));
    expect(r.ok && r.range.current).toMatchObject({ from: "2026-12-17", to: "2027-01-13" });
  });

  it("spans whole local days across a DST change (a 23-hour day counts as one)", () => {
    const r = parseInsightsRange({ from: "2027-03-14", to: "2027-03-14" }, ZONE, NOW);
    expect(r.ok && r.range.current.start.toISOString()).toBe("2027-03-14T05:00:00.000Z");
    expect(r.ok && r.range.current.end.toISOString()).toBe("2027-03-15T04:00:00.000Z");
    expect(r.ok && r.range.previous).toMatchObject({ from: "2027-03-13", to: "2027-03-13", days: 1 });
  });

  it("refuses bad input with a message per field", () => {
    expect(parseInsightsRange({ from: "2026-02-30", to: "2026-03-01" }, ZONE, NOW)).toEqual({
      ok: false,
      errors: { from: "Enter the start date as a real date (YYYY-MM-DD)." },
    });
    expect(parseInsightsRange({ from: "2026-03-01" }, ZONE, NOW)).toEqual({ ok: false, errors: { to: "Enter an end date." } });
    expect(parseInsightsRange({ from: "2026-03-02", to: "2026-03-01" }, ZONE, NOW)).toEqual({
      ok: false,
      errors: { to: "The end date must be on or after the start date." },
    });
    expect(parseInsightsRange({ from: "2020-01-01", to: "2026-03-01" }, ZONE, NOW)).toEqual({
      ok: false,
      errors: { range: "Choose at most 731 days." },
    });
    expect(parseInsightsRange({ range: "3y" }, ZONE, NOW)).toEqual({ ok: false, errors: { range: "Choose one of the listed ranges." } });
  });

  it("lists every Monday-based week the period touches and reproduces itself as a query", () => {
    const r = parseInsightsRange({ from: "2026-10-28", to: "2026-11-09" }, ZONE, NOW);
    if (!r.ok) throw new Error("expected a range");
    expect(weeksOf(r.range.current)).toEqual(["2026-10-26", "2026-11-02", "2026-11-09"]);
    expect(rangeQuery(r.range)).toBe("from=2026-10-28&to=2026-11-09");
    const preset = parseInsightsRange({ range: "26w" }, ZONE, NOW);
    expect(preset.ok && rangeQuery(preset.range)).toBe("range=26w");
  });
});
