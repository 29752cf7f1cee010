import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { bookingRequest, createSlot } from "@/tests/helpers/factories";
import { setRequestHeaders } from "@/tests/helpers/next-request-mock";
import { useTestDatabase } from "@/tests/helpers/test-db";

// The embed's actions and calendar reads with no cookie at all (a third-party iframe, ADR 114): the session id the
// frame keeps itself finds the visitor's own hold, as the bk_session cookie does on /contact,
// and nobody else's id (or a too-short one) does.

vi.mock("next/headers", () => import("@/tests/helpers/next-request-mock").then((m) => m.nextHeaders));
vi.mock("next/cache", () => import("@/tests/helpers/next-request-mock").then((m) => m.nextCache));

const { embedStartBookingAction } = await import("./actions");
const { GET: getDates } = await import("@/app/api/slots/dates/route");
const { GET: getTimes } = await import("@/app/api/slots/route");
const t = useTestDatabase();

type Context = { session: string; parent: null };
/** What the embed's calendar sends: GET with the frame's kept id in the session header (ADR 140). */
const read = async <T>(handler: (r: NextRequest) => Promise<Response>, path: string, context: Context): Promise<T> =>
  (await (await handler(new NextRequest(`http://localhost${path}`, { headers: { "x-booking-session": context.session } }))).json()) as T;
/** The embed's times on the slot's own (UTC) date, as its calendar asks for them. */
const openTimesOf = async (context: Context, slot: { startsAt: Date }) =>
  (
    await read<{ slots: { id: string; heldByYou: boolean }[] }>(
      getTimes,
      `/api/slots?date=${slot.startsAt.toISOString().slice(0, 10)}&tz=UTC`,
      context,
    )
  ).slots;
const openDatesOf = async (context: Context, month: string) =>
  (await read<{ dates: { date: string; count: number }[] }>(getDates, `/api/slots/dates?month=${month}&tz=UTC`, context)).dates;

const keptId = () => randomBytes(24).toString("base64url");

describe("embed actions without cookies", () => {
  it("a held time stays the holder's own through their kept session id, and only theirs", async () => {
    setRequestHeaders(new Headers({ "x-forwarded-for": "203.0.113.9" }));
    const slot = await createSlot(t.db);
    const mine: Context = { session: keptId(), parent: null };
    const other: Context = { session: keptId(), parent: null };

    const first = await embedStartBookingAction(mine, bookingRequest(slot.id));
    expect(first).toMatchObject({ ok: true, started: { booking: { slotId: slot.id, resumed: false } } });

    expect((await openTimesOf(mine, slot)).find((s) => s.id === slot.id)).toMatchObject({ heldByYou: true });
    expect((await openTimesOf(other, slot)).find((s) => s.id === slot.id)).toBeUndefined();
    const month = slot.startsAt.toISOString().slice(0, 7);
    const day = slot.startsAt.toISOString().slice(0, 10);
    expect(await openDatesOf(mine, month)).toContainEqual({ date: day, count: 1 });
    expect(await openDatesOf(other, month)).not.toContainEqual(expect.objectContaining({ date: day }));

    const again = await embedStartBookingAction(mine, bookingRequest(slot.id));
    expect(again).toMatchObject({ ok: true, started: { booking: { id: first.ok ? first.started.booking.id : "", resumed: true } } });

    const stranger = await embedStartBookingAction(other, bookingRequest(slot.id, { email: "someone@example.com" }));
    expect(stranger).toMatchObject({ ok: false, code: "slot_taken" });
  });

  it("an id shorter than the cookie's is no session at all", async () => {
    setRequestHeaders(new Headers({ "x-forwarded-for": "203.0.113.10" }));
    const slot = await createSlot(t.db);
    const weak: Context = { session: "abcdefghijklmnopqrst", parent: null }; // 20 chars: enough for a cookie, not a kept id
    expect(await embedStartBookingAction(weak, bookingRequest(slot.id))).toMatchObject({ ok: true });
    expect((await openTimesOf(weak, slot)).find((s) => s.id === slot.id)).toBeUndefined();
    expect(await embedStartBookingAction(weak, bookingRequest(slot.id))).toMatchObject({ ok: false, code: "slot_taken" });
  });
});
