import { describe, expect, it } from "vitest";
import { dateKeyInZone, formatDuration, formatMoney, formatTime, formatWhen, zoneCity } from "./format";

describe("format", () => {
  const instant = "2026-12-09T21:00:00.000Z";

  it("finds the calendar date of an instant in each zone", () => {
    expect(dateKeyInZone(instant, "America/New_York")).toBe("2026-12-09");
    expect(dateKeyInZone(instant, "Asia/Tokyo")).toBe("2026-12-10");
  });

  it("formats times and whole dates in the given zone", () => {
    expect(formatTime(instant, "America/New_York")).toMatch(/^4:00\sPM$/);
    expect(formatWhen(instant, "Europe/London")).toMatch(/^Wednesday, December 9, 2026 at 9:00\sPM GMT$/);
  });

  it("formats money from integer cents", () => {
    expect(formatMoney(1000, "usd")).toBe("$10");
    expect(formatMoney(1050, "usd")).toBe("$10.50");
    expect(formatMoney(999, "eur")).toBe("€9.99");
  });

  it("names durations and zones for people", () => {
    expect(formatDuration(60)).toBe("60 min");
    expect(formatDuration(90)).toBe("1 h 30 min");
    expect(formatDuration(120)).toBe("2 h");
    expect(zoneCity("America/New_York")).toBe("New York");
    expect(zoneCity("UTC")).toBe("UTC");
  });
});
