import { addDays, addHours, addMinutes } from "date-fns";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { createSlot } from "@/tests/helpers/factories";
import { useOAuthCalendarFakes } from "@/tests/fakes/oauth/use-calendar-fakes";
import { listAvailableDates } from "@/lib/booking/availability";
import { createOAuthConnection, listConnections, updateConnectionCalendars } from "./connections";
import { refreshConnections } from "./refresh";

// A Google connection end to end through the real provider, the real registry and the real
// refresh job, against the local Google fake: busy times hide slots, an expired access token
// is refreshed and stored, a revoked refresh token breaks the connection with one email.

const t = useTestDatabase();
const fakes = useOAuthCalendarFakes();
const OWNER = "owner@example.com";

beforeEach(() => {
  process.env.ADMIN_NOTIFY_EMAIL = OWNER;
  vi.spyOn(console, "warn").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  delete process.env.ADMIN_NOTIFY_EMAIL;
});

async function connectGoogle() {
  const { id } = await createOAuthConnection({ kind: "GOOGLE", accountEmail: OWNER, tokens: fakes.google.oauth.connect() });
  await updateConnectionCalendars(id, { busyCalendarIds: [OWNER], writeCalendarId: null });
  return id;
}

const offered = async () => new Set((await listAvailableDates()).flatMap((d) => d.slots.map((s) => s.id)));
const brokenEmails = () => t.db.outboxEmail.findMany({ where: { kind: "admin_calendar_broken" } });

describe("a Google calendar connection", () => {
  it("hides the slot its busy event overlaps once refreshed", async () => {
    const start = addHours(addDays(new Date(), 3), 1);
    const busy = await createSlot(t.db, { startsAt: start });
    const free = await createSlot(t.db, { startsAt: addHours(start, 3) });
    fakes.google.addEvent({ calendarId: OWNER, start: addMinutes(start, 15), end: addMinutes(start, 45) });
    await connectGoogle();
    await refreshConnections({ force: true });
    const ids = await offered();
    expect(ids.has(busy.id)).toBe(false);
    expect(ids.has(free.id)).toBe(true);
    expect((await listConnections())[0]).toMatchObject({ status: "OK" });
  });

  it("refreshes an expired access token and stores the new one", async () => {
    const id = await connectGoogle();
    await t.db.calendarConnection.update({ where: { id }, data: { accessTokenExpiresAt: new Date(0) } });
    fakes.google.oauth.expireAccessTokens();
    await refreshConnections({ force: true });
    const row = await t.db.calendarConnection.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("OK");
    expect(row.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it("is broken when its refresh token is revoked, with one email however often it is refreshed", async () => {
    const id = await connectGoogle();
    await t.db.calendarConnection.update({ where: { id }, data: { accessTokenExpiresAt: new Date(0) } });
    fakes.google.oauth.expireAccessTokens();
    fakes.google.oauth.revokeRefreshTokens();
    const now = new Date();
    for (let i = 0; i < 3; i++) await refreshConnections({ now: addMinutes(now, i * 10), force: true });
    const [view] = await listConnections();
    expect(view).toMatchObject({ status: "BROKEN", brokenReason: expect.any(String) });
    expect(await brokenEmails()).toHaveLength(1);
  });
});
