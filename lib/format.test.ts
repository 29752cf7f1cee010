import { describe, expect, it } from "vitest";
import {
  calendarBounds,
  dateKeyInZone,
  formatDecimalAmount,
  formatDuration,
  formatMoney,
  formatTime,
  formatWhen,
  zoneAbbreviation,
  zoneCity,
  zoneDescription,
  zoneGenericName,
  zoneLabel,
  zoneOffset,
} from "./format";

const winter = "2026-01-15T12:00:00Z";
const summer = "2026-07-15T12:00:00Z";

describe("formatMoney", () => {
  it("drops the cents of whole amounts and keeps them otherwise", () => {
    expect(formatMoney(1000, "usd")).toBe("$10");
    expect(formatMoney(1050, "usd")).toBe("$10.50");
    expect(formatMoney(1005, "USD")).toBe("$10.05");
    expect(formatMoney(0, "usd")).toBe("$0");
    expect(formatMoney(123456, "usd")).toBe("$1,234.56");
  });

  it("always carries the currency's symbol", () => {
    expect(formatMoney(999, "eur")).toBe("€9.99");
    expect(formatMoney(2500, "eur")).toBe("€25");
    expect(formatMoney(700, "gbp")).toBe("£7");
    expect(formatMoney(1050, "cad")).toBe("CA$10.50");
  });

  it("writes plain decimals for CSV cells and inputs", () => {
    expect(formatDecimalAmount(1000)).toBe("10.00");
    expect(formatDecimalAmount(5)).toBe("0.05");
  });
});

describe("zoneAbbreviation", () => {
  it("names zones across daylight saving time", () => {
    expect(zoneAbbreviation(winter, "America/New_York")).toBe("EST");
    expect(zoneAbbreviation(summer, "America/New_York")).toBe("EDT");
    expect(zoneAbbreviation(winter, "Europe/London")).toBe("GMT");
    expect(zoneAbbreviation(summer, "Europe/London")).toBe("BST");
    expect(zoneAbbreviation(winter, "Europe/Berlin")).toBe("CET");
    expect(zoneAbbreviation(summer, "Europe/Berlin")).toBe("CEST");
    expect(zoneAbbreviation(winter, "Asia/Kolkata")).toBe("IST");
    expect(zoneAbbreviation(summer, "Asia/Kolkata")).toBe("IST");
    expect(zoneAbbreviation(winter, "UTC")).toBe("UTC");
    expect(zoneAbbreviation(new Date(summer), "Etc/UTC")).toBe("UTC");
  });

  it("switches at the instant the clocks change", () => {
    // US clocks go forward at 2:00 local (07:00Z) on 2026-03-08.
    expect(zoneAbbreviation("2026-03-08T06:59:00Z", "America/New_York")).toBe("EST");
    expect(zoneAbbreviation("2026-03-08T07:00:00Z", "America/New_York")).toBe("EDT");
    // EU clocks go forward at 01:00Z on 2026-03-29.
    expect(zoneAbbreviation("2026-03-29T00:59:00Z", "Europe/London")).toBe("GMT");
    expect(zoneAbbreviation("2026-03-29T01:00:00Z", "Europe/London")).toBe("BST");
    expect(zoneAbbreviation("2026-03-29T00:59:00Z", "Europe/Berlin")).toBe("CET");
    expect(zoneAbbreviation("2026-03-29T01:00:00Z", "Europe/Berlin")).toBe("CEST");
  });

  it("falls back to the offset where no English locale names the zone", () => {
    expect(zoneAbbreviation(winter, "Asia/Tokyo")).toBe("GMT+9");
    // en-IE's "IST" would read as India's: Dublin keeps its offset.
    expect(zoneAbbreviation(summer, "Europe/Dublin")).toBe("GMT+1");
  });

  it("describes a zone by the name people use, with the abbreviation on each side of DST", () => {
    expect(zoneDescription(winter, "America/New_York")).toBe("Eastern Time (EST)");
    expect(zoneDescription(summer, "America/New_York")).toBe("Eastern Time (EDT)");
    expect(zoneDescription("2026-03-08T06:59:00Z", "America/New_York")).toBe("Eastern Time (EST)");
    expect(zoneDescription("2026-03-08T07:00:00Z", "America/New_York")).toBe("Eastern Time (EDT)");
    expect(zoneDescription(winter, "America/Los_Angeles")).toBe("Pacific Time (PST)");
    expect(zoneDescription(winter, "Europe/Berlin")).toBe("Central European Time (CET)");
    expect(zoneDescription(summer, "Europe/Berlin")).toBe("Central European Time (CEST)");
    expect(zoneDescription("2026-03-29T00:59:00Z", "Europe/Paris")).toBe("Central European Time (CET)");
    expect(zoneDescription("2026-03-29T01:00:00Z", "Europe/Paris")).toBe("Central European Time (CEST)");
    expect(zoneDescription(winter, "Europe/London")).toBe("United Kingdom Time (GMT)");
    expect(zoneDescription(summer, "Europe/London")).toBe("United Kingdom Time (BST)");
    expect(zoneDescription(winter, "Australia/Sydney")).toBe("Australian Eastern Time (AEDT)");
    expect(zoneDescription(summer, "Australia/Sydney")).toBe("Australian Eastern Time (AEST)");
    expect(zoneDescription(winter, "Asia/Kolkata")).toBe("India Standard Time (IST)");
    // No English abbreviation: the offset, never "GMT+9" next to a name.
    expect(zoneDescription(winter, "Asia/Tokyo")).toBe("Japan Standard Time (UTC+9)");
    expect(zoneDescription(winter, "America/Sao_Paulo")).toBe("Brasilia Standard Time (UTC\u22123)");
  });

  it("describes UTC without saying it twice", () => {
    expect(zoneDescription(winter, "UTC")).toBe("UTC");
    expect(zoneDescription(summer, "UTC")).toBe("UTC");
    expect(zoneDescription(summer, "Etc/UTC")).toBe("UTC");
    expect(zoneGenericName(winter, "UTC")).toBe("UTC");
    expect(zoneLabel(summer, "Europe/London")).toBe("London (BST)");
    expect(zoneLabel(summer, "UTC")).toBe("UTC");
    expect(zoneCity("America/Los_Angeles")).toBe("Los Angeles");
    expect(zoneCity("America/Argentina/San_Juan")).toBe("San Juan, Argentina");
    expect(zoneCity("America/St_Johns")).toBe("St. John's");
  });

  it("writes offsets with a real minus sign and UTC+0 for none", () => {
    expect(zoneOffset(winter, "America/New_York")).toBe("UTC\u22125");
    expect(zoneOffset(summer, "America/New_York")).toBe("UTC\u22124");
    expect(zoneOffset(winter, "Asia/Kathmandu")).toBe("UTC+5:45");
    expect(zoneOffset(winter, "Europe/London")).toBe("UTC+0");
    expect(zoneOffset(summer, "Europe/London")).toBe("UTC+1");
    expect(zoneOffset(winter, "UTC")).toBe("UTC+0");
  });
});

describe("dateKeyInZone", () => {
  it("gives each zone its own calendar date across midnight", () => {
    const instant = "2026-12-09T21:00:00.000Z";
    expect(dateKeyInZone(instant, "America/New_York")).toBe("2026-12-09");
    expect(dateKeyInZone(instant, "Asia/Tokyo")).toBe("2026-12-10");
    expect(dateKeyInZone("2026-12-31T23:59:59Z", "UTC")).toBe("2026-12-31");
    expect(dateKeyInZone("2027-01-01T00:00:00Z", "UTC")).toBe("2027-01-01");
    expect(dateKeyInZone("2027-01-01T04:59:59Z", "America/New_York")).toBe("2026-12-31");
    expect(dateKeyInZone("2027-01-01T05:00:00Z", "America/New_York")).toBe("2027-01-01");
    expect(dateKeyInZone("2026-12-31T18:29:59Z", "Asia/Kolkata")).toBe("2026-12-31");
    expect(dateKeyInZone("2026-12-31T18:30:00Z", "Asia/Kolkata")).toBe("2027-01-01");
  });

  it("follows the offset that holds on each side of a clock change", () => {
    // New York midnight is 05:00Z before the March change and 04:00Z after the November one.
    expect(dateKeyInZone("2026-03-08T04:59:59Z", "America/New_York")).toBe("2026-03-07");
    expect(dateKeyInZone("2026-03-08T05:00:00Z", "America/New_York")).toBe("2026-03-08");
    expect(dateKeyInZone("2026-03-09T03:59:59Z", "America/New_York")).toBe("2026-03-08");
    expect(dateKeyInZone("2026-03-09T04:00:00Z", "America/New_York")).toBe("2026-03-09");
    // Berlin midnight is 22:00Z in summer, 23:00Z in winter.
    expect(dateKeyInZone("2026-10-24T21:59:59Z", "Europe/Berlin")).toBe("2026-10-24");
    expect(dateKeyInZone("2026-10-24T22:00:00Z", "Europe/Berlin")).toBe("2026-10-25");
    expect(dateKeyInZone("2026-10-25T22:59:59Z", "Europe/Berlin")).toBe("2026-10-25");
    expect(dateKeyInZone("2026-10-25T23:00:00Z", "Europe/Berlin")).toBe("2026-10-26");
    expect(dateKeyInZone(new Date("2026-03-29T00:30:00Z"), "Europe/London")).toBe("2026-03-29");
  });
});

describe("calendarBounds", () => {
  it("gives the window's first and last dates in the zone shown", () => {
    // 15:00 UTC on 13 January is already the 14th in Tokyo; 30 days on is 12 February there.
    expect(calendarBounds("UTC", "2027-01-13T15:00:00Z", 30)).toEqual({ todayKey: "2027-01-13", lastKey: "2027-02-12" });
    expect(calendarBounds("Asia/Tokyo", new Date("2027-01-13T15:00:00Z"), 30)).toEqual({ todayKey: "2027-01-14", lastKey: "2027-02-13" });
  });
});

describe("dates and durations", () => {
  it("formats times and whole dates in the given zone with the shared abbreviation", () => {
    const instant = "2026-12-09T21:00:00.000Z";
    expect(formatTime(instant, "America/New_York")).toMatch(/^4:00\sPM$/);
    expect(formatWhen(instant, "Europe/London")).toMatch(/^Wednesday, December 9, 2026 at 9:00\sPM GMT$/);
    expect(formatWhen(instant, "Europe/Berlin")).toMatch(/^Wednesday, December 9, 2026 at 10:00\sPM CET$/);
  });

  it("names durations for people", () => {
    expect(formatDuration(60)).toBe("60 min");
    expect(formatDuration(90)).toBe("1 h 30 min");
    expect(formatDuration(120)).toBe("2 h");
  });
});
