import { addHours, subHours } from "date-fns";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { seedBooking } from "@/tests/helpers/admin-fixtures";
import { adminConfirmBooking, adminRecordMeetingResult, adminRecordProjectOutcome } from "./admin-transitions";

const t = useTestDatabase();
const actor = { id: "admin-1", email: "owner@example.com" };

describe("admin booking transitions", () => {
  it("confirms a held booking on a free slot, emails the visitor and audits in one go", async () => {
    const { booking } = await seedBooking(t.db, { status: "PENDING_PAYMENT", priceCents: 0 });
    await adminConfirmBooking(actor, booking.id);
    const after = await t.db.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(after.status).toBe("CONFIRMED");
    expect(await t.db.outboxEmail.count({ where: { bookingId: booking.id, kind: "booking_confirmed" } })).toBe(1);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { bookingId: booking.id } });
    expect(audit).toMatchObject({ action: "booking.confirm", actorEmail: actor.email, before: { status: "PENDING_PAYMENT" } });
  });

  it("refuses to confirm a paid slot or an already-confirmed booking, without an audit entry", async () => {
    const paid = await seedBooking(t.db, { status: "PENDING_PAYMENT", priceCents: 1000 });
    await expect(adminConfirmBooking(actor, paid.booking.id)).rejects.toMatchObject({ code: "invalid_transition" });
    const confirmed = await seedBooking(t.db, { status: "CONFIRMED", priceCents: 0 });
    await expect(adminConfirmBooking(actor, confirmed.booking.id)).rejects.toMatchObject({ code: "invalid_transition" });
    expect(await t.db.auditLog.count()).toBe(0);
  });

  it("refuses to revive a lapsed hold whose slot someone else took", async () => {
    const { booking, slot } = await seedBooking(t.db, { status: "EXPIRED", priceCents: 0 });
    await t.db.booking.create({
      data: {
        id: "bk_aaaaaaaaaaaaaaaaaaaaaaaaaa",
        slotId: slot.id,
        status: "CONFIRMED",
        confirmedAt: new Date(),
        method: "ZOOM",
        name: "B",
        email: "b@example.com",
        timeZone: "UTC",
      },
    });
    await expect(adminConfirmBooking(actor, booking.id)).rejects.toMatchObject({ code: "slot_taken" });
  });

  it("marks a started meeting completed or no-show (and corrects it), but not a future one", async () => {
    const future = await seedBooking(t.db, { status: "CONFIRMED", startsAt: addHours(new Date(), 30) });
    await expect(adminRecordMeetingResult(actor, future.booking.id, "COMPLETED")).rejects.toMatchObject({ message: /not started/ });

    const past = await seedBooking(t.db, { status: "CONFIRMED", startsAt: subHours(new Date(), 3) });
    await adminRecordMeetingResult(actor, past.booking.id, "NO_SHOW");
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: past.booking.id } })).status).toBe("NO_SHOW");
    await adminRecordMeetingResult(actor, past.booking.id, "COMPLETED");
    const done = await t.db.booking.findUniqueOrThrow({ where: { id: past.booking.id } });
    expect(done.status).toBe("COMPLETED");
    expect(done.completedAt).not.toBeNull();
    await expect(adminRecordMeetingResult(actor, past.booking.id, "COMPLETED")).rejects.toMatchObject({ message: /already completed/ });

    const audits = await t.db.auditLog.findMany({ where: { bookingId: past.booking.id }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => [a.action, a.before, a.after])).toEqual([
      ["booking.mark_no_show", { status: "CONFIRMED" }, { status: "NO_SHOW" }],
      ["booking.mark_completed", { status: "NO_SHOW" }, { status: "COMPLETED" }],
    ]);
  });

  it("refuses to mark a cancelled booking", async () => {
    const { booking } = await seedBooking(t.db, { status: "CANCELLED", startsAt: subHours(new Date(), 3) });
    await expect(adminRecordMeetingResult(actor, booking.id, "NO_SHOW")).rejects.toMatchObject({ message: /cancelled/ });
  });

  it("records the project outcome with before and after values", async () => {
    const { booking } = await seedBooking(t.db, { status: "COMPLETED", startsAt: subHours(new Date(), 3) });
    await adminRecordProjectOutcome(actor, booking.id, { projectOutcome: "WON", projectNotes: "Signed a 3-month retainer" });
    await adminRecordProjectOutcome(actor, booking.id, { projectOutcome: "LOST", projectNotes: null });
    const after = await t.db.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(after).toMatchObject({ projectOutcome: "LOST", projectNotes: null });
    const last = await t.db.auditLog.findFirstOrThrow({ where: { bookingId: booking.id }, orderBy: { createdAt: "desc" } });
    expect(last).toMatchObject({
      before: { projectOutcome: "WON", projectNotes: "Signed a 3-month retainer" },
      after: { projectOutcome: "LOST", projectNotes: null },
    });
  });
});
