import { addMinutes } from "date-fns";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { bookingRequest, createSlot } from "@/tests/helpers/factories";
import { AppError } from "@/lib/errors/app-error";
import { expireStaleHolds, findOwnLiveHold, placeHold } from "./holds";
import { listAvailableDates } from "./availability";

const t = useTestDatabase();

async function expectAppError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe("placeHold", () => {
  it("holds a free slot as a pending-payment booking that expires after HOLD_MINUTES", async () => {
    const slot = await createSlot(t.db);
    const now = new Date();
    const hold = await placeHold(bookingRequest(slot.id), { now, clientSession: "session-a-0123456789" });
    expect(hold.resumed).toBe(false);
    expect(hold.holdExpiresAt.getTime()).toBe(addMinutes(now, 10).getTime());
    const row = await t.db.booking.findUniqueOrThrow({ where: { id: hold.bookingId } });
    expect(row.status).toBe("PENDING_PAYMENT");
    expect(row.id).toMatch(/^bk_[a-z2-7]{26}$/);
  });

  it("refuses a second visitor while the hold is active, with a 409", async () => {
    const slot = await createSlot(t.db);
    await placeHold(bookingRequest(slot.id), { clientSession: "session-a-0123456789" });
    const error = await expectAppError(
      placeHold(bookingRequest(slot.id, { email: "bob@example.com" }), { clientSession: "session-b-0123456789" }),
      "slot_taken",
    );
    expect(error.status).toBe(409);
    expect(await t.db.booking.count()).toBe(1);
  });

  it("resumes the same visitor's active hold instead of conflicting", async () => {
    const slot = await createSlot(t.db);
    const first = await placeHold(bookingRequest(slot.id), { clientSession: "session-a-0123456789" });
    const again = await placeHold(bookingRequest(slot.id, { name: "Ada King" }), { clientSession: "session-a-0123456789" });
    expect(again.resumed).toBe(true);
    expect(again.bookingId).toBe(first.bookingId);
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: first.bookingId } })).name).toBe("Ada King");
  });

  it("treats an expired hold as free without any job running", async () => {
    const slot = await createSlot(t.db);
    const now = new Date();
    const first = await placeHold(bookingRequest(slot.id), { now, clientSession: "session-a-0123456789" });
    const later = addMinutes(now, 11);
    const second = await placeHold(bookingRequest(slot.id, { email: "bob@example.com" }), {
      now: later,
      clientSession: "session-b-0123456789",
    });
    expect(second.bookingId).not.toBe(first.bookingId);
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: first.bookingId } })).status).toBe("EXPIRED");
  });

  it("shows a slot with a lapsed hold as available, and the expiry job marks it expired", async () => {
    const slot = await createSlot(t.db);
    const now = new Date();
    const hold = await placeHold(bookingRequest(slot.id), { now });
    const idsDuring = (await listAvailableDates(addMinutes(now, 5))).flatMap((d) => d.slots.map((s) => s.id));
    expect(idsDuring).not.toContain(slot.id);
    const idsAfter = (await listAvailableDates(addMinutes(now, 11))).flatMap((d) => d.slots.map((s) => s.id));
    expect(idsAfter).toContain(slot.id);
    expect(await expireStaleHolds(addMinutes(now, 11))).toEqual([hold.bookingId]);
  });

  it("lets cancelled and expired bookings never block the slot", async () => {
    const slot = await createSlot(t.db);
    const hold = await placeHold(bookingRequest(slot.id), { clientSession: "session-a-0123456789" });
    await t.db.booking.update({ where: { id: hold.bookingId }, data: { status: "CANCELLED", cancelledAt: new Date() } });
    const next = await placeHold(bookingRequest(slot.id, { email: "c@example.com" }), { clientSession: "session-c-0123456789" });
    expect(next.bookingId).not.toBe(hold.bookingId);
  });

  it("refuses past slots, slots inside the minimum notice and unavailable slots", async () => {
    const past = await createSlot(t.db, { startsAt: addMinutes(new Date(), -60) });
    const soon = await createSlot(t.db, { startsAt: addMinutes(new Date(), 60) });
    const off = await createSlot(t.db, { isAvailable: false });
    await expectAppError(placeHold(bookingRequest(past.id)), "slot_unavailable");
    await expectAppError(placeHold(bookingRequest(soon.id)), "slot_unavailable");
    await expectAppError(placeHold(bookingRequest(off.id)), "slot_unavailable");
    await expectAppError(placeHold(bookingRequest("00000000-0000-4000-8000-000000000000")), "not_found");
    expect(await t.db.booking.count()).toBe(0);
  });

  it("refuses a method the slot does not allow", async () => {
    const slot = await createSlot(t.db, { methods: ["PHONE"] });
    await expectAppError(placeHold(bookingRequest(slot.id, { method: "ZOOM" })), "validation_failed");
  });

  it("lets exactly one of 50 concurrent attempts hold a slot", async () => {
    const slot = await createSlot(t.db);
    const attempts = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        placeHold(bookingRequest(slot.id, { email: `v${i}@example.com` }), { clientSession: `concurrent-session-${i}-abcdefgh` }),
      ),
    );
    const won = attempts.filter((a) => a.status === "fulfilled");
    const lost = attempts.filter((a) => a.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const l of lost) expect(((l as PromiseRejectedResult).reason as AppError).code).toBe("slot_taken");
    expect(await t.db.booking.count({ where: { slotId: slot.id } })).toBe(1);
  });
});

describe("findOwnLiveHold", () => {
  it("finds this session's live hold on the slot with its details, and nobody else's or a lapsed one", async () => {
    const slot = await createSlot(t.db);
    const now = new Date();
    const hold = await placeHold(bookingRequest(slot.id, { method: "PHONE", notes: "Hi" }), { now, clientSession: "session-a-0123456789" });
    const own = await findOwnLiveHold(slot.id, "session-a-0123456789", now);
    expect(own).toMatchObject({ bookingId: hold.bookingId, method: "PHONE", details: { notes: "Hi" } });
    expect(await findOwnLiveHold(slot.id, "session-b-0123456789", now)).toBeNull();
    expect(await findOwnLiveHold(slot.id, "session-a-0123456789", addMinutes(now, 11))).toBeNull();
  });
});
