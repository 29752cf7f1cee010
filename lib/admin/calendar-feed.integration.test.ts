import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { seedBooking } from "@/tests/helpers/admin-fixtures";
import { FEED_SETTING_KEY, calendarFeedIcs, calendarFeedUrl, isValidFeedToken, rotateCalendarFeedToken } from "./calendar-feed";
import { GET } from "@/app/api/calendar-feed/[token]/route";

const t = useTestDatabase();
const actor = { id: "admin-1", email: "owner@example.com" };

const fetchFeed = (token: string) =>
  GET(new Request(`http://127.0.0.1/api/calendar-feed/${token}`), { params: Promise.resolve({ token }) });

describe("calendar feed", () => {
  it("stores only the token's hash and accepts the token (with or without .ics)", async () => {
    const token = await rotateCalendarFeedToken(actor);
    const stored = await t.db.appSetting.findUniqueOrThrow({ where: { key: FEED_SETTING_KEY } });
    expect(stored.value).not.toContain(token);
    expect(stored.value).toMatch(/^[0-9a-f]{64}$/);
    expect(await isValidFeedToken(token)).toBe(true);
    expect(await isValidFeedToken(`${token}.ics`)).toBe(true);
    expect(await isValidFeedToken(token.replace(/.$/, (c) => (c === "A" ? "B" : "A")))).toBe(false);
    expect(await isValidFeedToken("short")).toBe(false);
    expect(calendarFeedUrl(token)).toMatch(new RegExp(`/api/calendar-feed/${token}\\.ics$`));
  });

  it("rotating invalidates the old URL, and is audited without the secret", async () => {
    const first = await rotateCalendarFeedToken(actor);
    const second = await rotateCalendarFeedToken(actor);
    expect(await isValidFeedToken(first)).toBe(false);
    expect(await isValidFeedToken(second)).toBe(true);
    const audits = await t.db.auditLog.findMany({ orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["calendar_feed.create", "calendar_feed.rotate"]);
    expect(JSON.stringify(audits)).not.toContain(first);
    expect(JSON.stringify(audits)).not.toContain(second);
  });

  it("serves confirmed bookings only, as valid iCalendar, and 404s a wrong token", async () => {
    await seedBooking(t.db, {
      status: "CONFIRMED",
      name: "Grace Hopper",
      company: "Navy",
      notes: "Line one\nLine two, with ; and ,\rbare CR",
      email: "grace@example.com",
    });
    await seedBooking(t.db, { status: "CANCELLED", name: "Cancelled Person", email: "c@example.com" });
    await seedBooking(t.db, { status: "PENDING_PAYMENT", name: "Held Person", email: "h@example.com" });
    expect((await fetchFeed("x".repeat(43))).status).toBe(404);
    const token = await rotateCalendarFeedToken(actor);
    const response = await fetchFeed(`${token}.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/calendar");
    const text = await response.text();
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.summary)).toEqual(["Consultation: Grace Hopper (Navy)"]);
    expect(events[0]!.description).toContain("Line two, with ; and ,\nbare CR");
    expect(text.replace(/\r\n/g, "")).not.toContain("\r");
    expect(events[0]!.uid).toMatch(/^feed-bk_/);
  });

  it("is a valid empty calendar when nothing is confirmed", async () => {
    const calendar = new ICAL.Component(ICAL.parse(await calendarFeedIcs()));
    expect(calendar.getAllSubcomponents("vevent")).toHaveLength(0);
  });
});
