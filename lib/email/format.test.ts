import { describe, expect, it } from "vitest";
import { formatShortStart, formatTimeRange } from "./format";

const at = (iso: string) => new Date(iso);

describe("formatTimeRange", () => {
  it("writes the date, both times and the abbreviation in the zone", () => {
    expect(formatTimeRange(at("2026-03-10T14:00:00Z"), at("2026-03-10T15:00:00Z"), "America/New_York")).toBe(
      "Tuesday, March 10, 2026, 10:00 AM – 11:00 AM EDT",
    );
    expect(formatTimeRange(at("2026-03-10T14:00:00Z"), at("2026-03-10T15:00:00Z"), "Europe/London")).toBe(
      "Tuesday, March 10, 2026, 2:00 PM – 3:00 PM GMT",
    );
  });

  it("gives each end its own abbreviation across a clock change", () => {
    // US clocks go forward at 2:00 local on 2026-03-08: 1:30 EST → 3:30 EDT is one hour.
    expect(formatTimeRange(at("2026-03-08T06:30:00Z"), at("2026-03-08T07:30:00Z"), "America/New_York")).toBe(
      "Sunday, March 8, 2026, 1:30 AM EST – 3:30 AM EDT",
    );
  });

  it("names the end date when the meeting ends on the next local day", () => {
    expect(formatTimeRange(at("2026-03-10T22:30:00Z"), at("2026-03-10T23:30:00Z"), "Europe/Berlin")).toBe(
      "Tuesday, March 10, 2026, 11:30 PM CET – Wednesday, March 11, 12:30 AM CET",
    );
  });
});

describe("small formatters", () => {
  it("formats short starts", () => {
    expect(formatShortStart(at("2026-03-10T14:00:00Z"), "America/Los_Angeles")).toBe("Tue, Mar 10, 7:00 AM PDT");
  });
});
