import { addDays, addMinutes } from "date-fns";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as getAvailable } from "@/app/api/slots/available/route";
import { GET as getByDate } from "@/app/api/slots/route";
import { useDatabaseForTests } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { dateKeyInZone } from "@/lib/format";
import { placeHold } from "@/lib/booking/holds";
import { bookingRequest, createSlot } from "@/tests/helpers/factories";
import { countingClient } from "@/tests/helpers/query-counter";
import { useTestDatabase } from "@/tests/helpers/test-db";

const t = useTestDatabase();
const TZ = "America/New_York";

type Available = { timeZone: string; dates: { date: string; slots: { id: string; startsAt: string }[] }[] };

const SESSION_COOKIE = "bk_session";

async function available(session?: string): Promise<Available> {
  const headers: Record<string, string> = session ? { cookie: `${SESSION_COOKIE}=${session}` } : {};
  const response = await getAvailable(new NextRequest("http://localhost/api/slots/available", { headers }));
  expect(response.status).toBe(200);
  return (await response.json()) as Available;
}

describe("GET /api/slots/available", () => {
  it("lists bookable slots grouped by business-zone date, excluding everything not bookable", async () => {
    const now = new Date();
    const good = await createSlot(t.db, { startsAt: addDays(now, 3) });
    const past = await createSlot(t.db, { startsAt: addMinutes(now, -30) });
    const insideNotice = await createSlot(t.db, { startsAt: addMinutes(now, 90) });
    const off = await createSlot(t.db, { startsAt: addDays(now, 4), isAvailable: false });
    const tooFar = await createSlot(t.db, { startsAt: addDays(now, 31) });
    const confirmed = await createSlot(t.db, { startsAt: addDays(now, 5) });
    const held = await createSlot(t.db, { startsAt: addDays(now, 6) });
    const lapsed = await createSlot(t.db, { startsAt: addDays(now, 7) });
    const cancelled = await createSlot(t.db, { startsAt: addDays(now, 8) });
    const base = { method: "ZOOM" as const, name: "A", email: "a@example.com", timeZone: TZ };
    await t.db.booking.createMany({
      data: [
        { ...base, id: "bk_aaaaaaaaaaaaaaaaaaaaaaaaa1", slotId: confirmed.id, status: "CONFIRMED", confirmedAt: now },
        { ...base, id: "bk_aaaaaaaaaaaaaaaaaaaaaaaaa2", slotId: held.id, status: "PENDING_PAYMENT", holdExpiresAt: addMinutes(now, 5) },
        { ...base, id: "bk_aaaaaaaaaaaaaaaaaaaaaaaaa3", slotId: lapsed.id, status: "PENDING_PAYMENT", holdExpiresAt: addMinutes(now, -1) },
        { ...base, id: "bk_aaaaaaaaaaaaaaaaaaaaaaaaa4", slotId: cancelled.id, status: "CANCELLED", cancelledAt: now },
      ],
    });

    const body = await available();
    expect(body.timeZone).toBe(TZ);
    const ids = body.dates.flatMap((d) => d.slots.map((s) => s.id));
    expect(ids.sort()).toEqual([good.id, lapsed.id, cancelled.id].sort());
    expect(ids).not.toContain(past.id);
    expect(ids).not.toContain(insideNotice.id);
    expect(ids).not.toContain(off.id);
    expect(ids).not.toContain(tooFar.id);
    for (const day of body.dates) {
      for (const slot of day.slots) expect(dateKeyInZone(new Date(slot.startsAt), TZ)).toBe(day.date);
    }
  });

  // One settings read, then one query per span of the window until the page fills (7, 14, 28 and
  // the whole 30 days; ADR 140): bounded by the window, never by the slot count.
  it("uses no more queries for 200 slots than for 5", async () => {
    const counter = countingClient(t.current.url);
    useDatabaseForTests(counter.db);
    try {
      const start = addDays(new Date(), 2);
      for (let i = 0; i < 5; i++) await createSlot(t.db, { startsAt: addMinutes(start, i * 60) });
      counter.reset();
      await available();
      const few = counter.count();
      await t.db.slot.createMany({
        data: Array.from({ length: 195 }, (_, i) => ({
          startsAt: addMinutes(start, (i + 5) * 60),
          durationMinutes: 60,
          priceCents: 1000,
          methods: ["ZOOM" as const],
        })).filter((s) => s.startsAt < addDays(new Date(), 29)),
      });
      counter.reset();
      const body = await available();
      expect(body.dates.flatMap((d) => d.slots).length).toBeGreaterThan(100);
      expect(counter.count()).toBeLessThanOrEqual(few);
      expect(few).toBeLessThanOrEqual(5);
    } finally {
      useDatabaseForTests(t.db);
      await counter.db.$disconnect();
    }
  });
});

describe("the JSON PostgreSQL builds", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("gives each slot exactly the documented fields, with only the methods this server offers", async () => {
    // In production only methods with a configured room are offered: here phone and Zoom.
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("AUTH_SECRET", "test-secret-0123456789-0123456789-0123456789");
    vi.stubEnv("ALLOW_DEMO_PAYMENTS_IN_PRODUCTION", "true");
    vi.stubEnv("ZOOM_MEETING_URL", "https://zoom.example/j/1");
    resetEnvCache();
    const startsAt = addDays(new Date(), 3);
    startsAt.setUTCSeconds(0, 0);
    const slot = await createSlot(t.db, { startsAt, durationMinutes: 45, priceCents: 2500, methods: ["TEAMS", "PHONE", "ZOOM"] });
    const free = await createSlot(t.db, { startsAt: addDays(startsAt, 1), priceCents: 0 });
    const onlyUnoffered = await createSlot(t.db, { startsAt: addDays(startsAt, 2), methods: ["TEAMS"] });
    const slots = (await available()).dates.flatMap((d) => d.slots);
    expect(slots.find((s) => s.id === slot.id)).toEqual({
      id: slot.id,
      startsAt: startsAt.toISOString(),
      endsAt: addMinutes(startsAt, 45).toISOString(),
      durationMinutes: 45,
      priceCents: 2500,
      currency: "usd",
      requiresPayment: true,
      // The slot's own order, without the method this server does not offer.
      methods: ["PHONE", "ZOOM"],
      heldByYou: false,
    });
    expect(slots.find((s) => s.id === free.id)).toMatchObject({ requiresPayment: false, priceCents: 0 });
    expect(slots.map((s) => s.id)).not.toContain(onlyUnoffered.id);
  });

  it("still lists a slot to the visitor whose live hold is on it, marked as theirs, and to nobody else", async () => {
    const now = new Date();
    const slot = await createSlot(t.db, { startsAt: addDays(now, 3) });
    const mine = "session-mine-0123456789";
    await placeHold(bookingRequest(slot.id), { clientSession: mine, now });

    const listed = (body: Available) => body.dates.flatMap((d) => d.slots).find((s) => s.id === slot.id);
    expect(listed(await available(mine))).toMatchObject({ id: slot.id, heldByYou: true });
    expect(listed(await available())).toBeUndefined();
    expect(listed(await available("session-other-0123456789"))).toBeUndefined();

    const date = dateKeyInZone(slot.startsAt, TZ);
    const onDate = async (session?: string) => {
      const headers: Record<string, string> = session ? { cookie: `${SESSION_COOKIE}=${session}` } : {};
      const response = await getByDate(new NextRequest(`http://localhost/api/slots?date=${date}`, { headers }));
      return ((await response.json()) as { slots: { id: string; heldByYou: boolean }[] }).slots;
    };
    expect(await onDate(mine)).toEqual([expect.objectContaining({ id: slot.id, heldByYou: true })]);
    expect(await onDate("session-other-0123456789")).toEqual([]);

    // Picking it again resumes the same hold rather than conflicting with it.
    const again = await placeHold(bookingRequest(slot.id, { method: "PHONE" }), { clientSession: mine, now });
    expect(again.resumed).toBe(true);
    expect(await t.db.booking.count({ where: { slotId: slot.id } })).toBe(1);
  });

  it("answers an empty list as []", async () => {
    expect(await available()).toEqual({ timeZone: TZ, dates: [], next: null });
  });
});

describe("request coalescing", () => {
  it("lets concurrent requests share one query, and never serves an answer from before a finished request", async () => {
    const slot = await createSlot(t.db, { startsAt: addDays(new Date(), 3) });
    const counter = countingClient(t.current.url);
    useDatabaseForTests(counter.db);
    try {
      await available();
      const one = counter.count();
      counter.reset();
      const bodies = await Promise.all(Array.from({ length: 8 }, () => available()));
      expect(counter.count()).toBe(one);
      expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);

      const byDate = () => getByDate(new NextRequest(`http://localhost/api/slots?date=${dateKeyInZone(slot.startsAt, TZ)}`));
      counter.reset();
      await byDate();
      const oneByDate = counter.count();
      counter.reset();
      const dayBodies = await Promise.all(Array.from({ length: 8 }, async () => (await byDate()).text()));
      expect(counter.count()).toBe(oneByDate);
      expect(new Set(dayBodies).size).toBe(1);

      await t.db.booking.create({
        data: {
          id: "bk_aaaaaaaaaaaaaaaaaaaaaaaaa9",
          slotId: slot.id,
          status: "CONFIRMED",
          confirmedAt: new Date(),
          method: "ZOOM",
          name: "A",
          email: "a@example.com",
          timeZone: TZ,
        },
      });
      expect((await available()).dates).toEqual([]);
    } finally {
      useDatabaseForTests(t.db);
      await counter.db.$disconnect();
    }
  });
});

describe("GET /api/slots?date=", () => {
  const request = (query: string) => new NextRequest(`http://localhost/api/slots${query}`);

  it("returns one business-zone date's bookable slots", async () => {
    const slot = await createSlot(t.db, { startsAt: addDays(new Date(), 3) });
    const date = dateKeyInZone(slot.startsAt, TZ);
    const response = await getByDate(request(`?date=${date}`));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { date: string; slots: { id: string }[] };
    expect(body.date).toBe(date);
    expect(body.slots.map((s) => s.id)).toEqual([slot.id]);
  });

  it.each(["", "?date=", "?date=2026-02-30", "?date=2026-13-01", "?date=tomorrow", "?date=2026-1-5", "?date=2026-01-05T00:00"])(
    "answers 400 with a JSON message for %j",
    async (query) => {
      const response = await getByDate(request(query));
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(/YYYY-MM-DD/);
    },
  );
});
