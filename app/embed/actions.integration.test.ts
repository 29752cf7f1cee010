import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { bookingRequest, createSlot } from "@/tests/helpers/factories";
import { setRequestHeaders } from "@/tests/helpers/next-request-mock";
import { useTestDatabase } from "@/tests/helpers/test-db";

// The embed's actions with no cookie at all (a third-party iframe, ADR 114): the session id the
// frame keeps itself finds the visitor's own hold, as the bk_session cookie does on /contact,
// and nobody else's id (or a too-short one) does.

vi.mock("next/headers", () => import("@/tests/helpers/next-request-mock").then((m) => m.nextHeaders));
vi.mock("next/cache", () => import("@/tests/helpers/next-request-mock").then((m) => m.nextCache));

const { embedOpenSlotsAction, embedStartBookingAction } = await import("./actions");
const t = useTestDatabase();

const keptId = () => randomBytes(24).toString("base64url");

describe("embed actions without cookies", () => {
  it("a held time stays the holder's own through their kept session id, and only theirs", async () => {
    setRequestHeaders(new Headers({ "x-forwarded-for": "203.0.113.9" }));
    const slot = await createSlot(t.db);
    const mine = { session: keptId(), parent: null };
    const other = { session: keptId(), parent: null };

    const first = await embedStartBookingAction(mine, bookingRequest(slot.id));
    expect(first).toMatchObject({ ok: true, started: { booking: { slotId: slot.id, resumed: false } } });

    expect((await embedOpenSlotsAction(mine)).find((s) => s.id === slot.id)).toMatchObject({ heldByYou: true });
    expect((await embedOpenSlotsAction(other)).find((s) => s.id === slot.id)).toBeUndefined();

    const again = await embedStartBookingAction(mine, bookingRequest(slot.id));
    expect(again).toMatchObject({ ok: true, started: { booking: { id: first.ok ? first.started.booking.id : "", resumed: true } } });

    const stranger = await embedStartBookingAction(other, bookingRequest(slot.id, { email: "someone@example.com" }));
    expect(stranger).toMatchObject({ ok: false, code: "slot_taken" });
  });

  it("an id shorter than the cookie's is no session at all", async () => {
    setRequestHeaders(new Headers({ "x-forwarded-for": "203.0.113.10" }));
    const slot = await createSlot(t.db);
    const weak = { session: "abcdefghijklmnopqrst", parent: null }; // 20 chars: enough for a cookie, not a kept id
    expect(await embedStartBookingAction(weak, bookingRequest(slot.id))).toMatchObject({ ok: true });
    expect((await embedOpenSlotsAction(weak)).find((s) => s.id === slot.id)).toBeUndefined();
    expect(await embedStartBookingAction(weak, bookingRequest(slot.id))).toMatchObject({ ok: false, code: "slot_taken" });
  });
});
