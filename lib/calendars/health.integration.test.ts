import { addMinutes, subMinutes } from "date-fns";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { createSlot } from "@/tests/helpers/factories";
import { listAvailableDates } from "@/lib/booking/availability";
import { createCaldavConnection, listConnections } from "./connections";
import { refreshConnections } from "./refresh";
import { useProviderRegistry } from "./registry";
import { CalendarAuthError, CalendarUnavailableError, type BusyInterval, type CalendarProvider } from "./provider";

// Never silent: broken connections and what visitors see meanwhile, with a scripted provider.

const t = useTestDatabase();
let answer: () => Promise<BusyInterval[]>;

const scripted: CalendarProvider = {
  kind: "CALDAV",
  listCalendars: async () => [],
  busy: () => answer(),
  upsertEvent: async () => ({ eventId: "x" }),
  deleteEvent: async () => {},
};

beforeEach(() => {
  process.env.ADMIN_NOTIFY_EMAIL = "owner@example.com";
  process.env.CALENDAR_FAILURE_THRESHOLD_MINUTES = "30";
  useProviderRegistry({ CALDAV: () => scripted });
  vi.spyOn(console, "warn").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  useProviderRegistry(null);
  delete process.env.ADMIN_NOTIFY_EMAIL;
  delete process.env.CALENDAR_STALE_POLICY;
  delete process.env.CALENDAR_CACHE_MAX_AGE_MINUTES;
});

const connect = () => createCaldavConnection({ label: "Work", serverUrl: "http://127.0.0.1:1/", username: "owner", password: "pw" });
const brokenEmails = () => t.db.outboxEmail.findMany({ where: { kind: "admin_calendar_broken" } });

describe("a connection that stops working", () => {
  it("is broken at once on an auth error, with reason and since when, and emails the admin once", async () => {
    await connect();
    answer = async () => {
      throw new CalendarAuthError("The CalDAV server refused the username or app password (401).");
    };
    const now = new Date();
    for (let i = 0; i < 3; i++) await refreshConnections({ now: addMinutes(now, i * 10), force: true });
    const [view] = await listConnections();
    expect(view).toMatchObject({ status: "BROKEN", brokenReason: expect.stringContaining("401") });
    expect(view!.brokenSince?.toISOString()).toBe(now.toISOString());
    const emails = await brokenEmails();
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ toAddress: "owner@example.com", status: "PENDING" });
  });

  it("is broken only after failing for the threshold, then emails once; recovering re-arms the email", async () => {
    await connect();
    answer = async () => {
      throw new CalendarUnavailableError("The CalDAV server did not answer (TimeoutError).");
    };
    const now = new Date();
    await refreshConnections({ now, force: true });
    expect((await listConnections())[0]).toMatchObject({ status: "OK", failingSince: now });
    expect(await brokenEmails()).toHaveLength(0);
    await refreshConnections({ now: addMinutes(now, 31), force: true });
    await refreshConnections({ now: addMinutes(now, 40), force: true });
    expect((await listConnections())[0]).toMatchObject({ status: "BROKEN", brokenSince: now });
    expect(await brokenEmails()).toHaveLength(1);

    answer = async () => [];
    await refreshConnections({ now: addMinutes(now, 50), force: true });
    expect((await listConnections())[0]).toMatchObject({ status: "OK", brokenReason: null, failingSince: null });

    answer = async () => {
      throw new CalendarAuthError("revoked");
    };
    await refreshConnections({ now: addMinutes(now, 60), force: true });
    expect(await brokenEmails()).toHaveLength(2);
  });
});

describe("CALENDAR_STALE_POLICY", () => {
  async function cachedThenFailing(ageMinutes: number) {
    const slot = await createSlot(t.db);
    await connect();
    answer = async () => [];
    const now = new Date();
    await refreshConnections({ now: subMinutes(now, ageMinutes), force: true });
    answer = async () => {
      throw new CalendarUnavailableError("down");
    };
    await refreshConnections({ now, force: true });
    const offered = (await listAvailableDates()).flatMap((d) => d.slots.map((s) => s.id));
    return offered.includes(slot.id);
  }

  it("hide (default): offers from a cache younger than the age limit", async () => {
    process.env.CALENDAR_CACHE_MAX_AGE_MINUTES = "120";
    expect(await cachedThenFailing(60)).toBe(true);
  });

  it("hide (default): stops offering the times the stale cache covered", async () => {
    process.env.CALENDAR_CACHE_MAX_AGE_MINUTES = "120";
    expect(await cachedThenFailing(180)).toBe(false);
  });

  it("keep: offers from the last good cache however old", async () => {
    process.env.CALENDAR_STALE_POLICY = "keep";
    process.env.CALENDAR_CACHE_MAX_AGE_MINUTES = "120";
    expect(await cachedThenFailing(180)).toBe(true);
  });
});
