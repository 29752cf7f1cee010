import { describe, expect, it } from "vitest";
import { googleCalendarUrl, outlookCalendarUrl } from "./calendar-links";

const event = {
  title: "Consultation & call",
  startsAt: "2026-03-10T14:00:00.000Z",
  endsAt: "2026-03-10T15:00:00.000Z",
  location: "https://zoom.example/j/1",
  details: "Manage: https://app.example/booking/x",
};

describe("calendar links", () => {
  it("gives Google compact UTC times and escaped text", () => {
    const url = new URL(googleCalendarUrl(event));
    expect(url.searchParams.get("dates")).toBe("20260310T140000Z/20260310T150000Z");
    expect(url.searchParams.get("text")).toBe("Consultation & call");
  });

  it("gives Outlook ISO times", () => {
    const url = new URL(outlookCalendarUrl(event));
    expect(url.searchParams.get("startdt")).toBe("2026-03-10T14:00:00.000Z");
    expect(url.searchParams.get("location")).toBe("https://zoom.example/j/1");
  });
});
