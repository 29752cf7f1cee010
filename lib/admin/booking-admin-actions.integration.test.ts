import { addDays, addHours } from "date-fns";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { seedBooking } from "@/tests/helpers/admin-fixtures";
import { adminCancelBooking, adminRefundPayment, adminSendReminder } from "./booking-admin-actions";

const t = useTestDatabase();
const actor = { id: "admin-1", email: "owner@example.com" };

describe("cancel with refund", () => {
  it("by policy: a booking days away is refunded in full, the visitor is emailed, and it is audited", async () => {
    const { booking, payment } = await seedBooking(t.db, { status: "CONFIRMED", paidCents: 2500, startsAt: addDays(new Date(), 5) });
    const message = await adminCancelBooking(actor, { bookingId: booking.id, refund: "policy", reason: "Double-booked" });
    expect(message).toBe("Booking cancelled and $25 refunded.");
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("CANCELLED");
    expect(await t.db.payment.findUniqueOrThrow({ where: { id: payment!.id } })).toMatchObject({ status: "REFUNDED", refundedCents: 2500 });
    const email = await t.db.outboxEmail.findFirstOrThrow({ where: { bookingId: booking.id, kind: "booking_cancelled" } });
    expect(email.toAddress).toBe(booking.email);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "booking.cancel" } });
    expect(audit).toMatchObject({
      before: { status: "CONFIRMED" },
      after: { status: "CANCELLED", refundChoice: "policy", refundCents: 2500 },
    });
  });

  it("overridden to none: nothing is refunded", async () => {
    const { booking, payment } = await seedBooking(t.db, { status: "CONFIRMED", paidCents: 2500 });
    expect(await adminCancelBooking(actor, { bookingId: booking.id, refund: "none", reason: undefined })).toMatch(/no refund/);
    expect(await t.db.payment.findUniqueOrThrow({ where: { id: payment!.id } })).toMatchObject({ status: "SUCCEEDED", refundedCents: 0 });
  });

  it("overridden to full: a booking inside the policy window is still refunded in full", async () => {
    const { booking, payment } = await seedBooking(t.db, { status: "CONFIRMED", paidCents: 2500, startsAt: addHours(new Date(), 3) });
    await adminCancelBooking(actor, { bookingId: booking.id, refund: "full", reason: undefined });
    expect((await t.db.payment.findUniqueOrThrow({ where: { id: payment!.id } })).refundedCents).toBe(2500);
  });

  it("refuses a booking that is already cancelled", async () => {
    const { booking } = await seedBooking(t.db, { status: "CANCELLED" });
    await expect(adminCancelBooking(actor, { bookingId: booking.id, refund: "policy", reason: undefined })).rejects.toMatchObject({
      code: "invalid_transition",
    });
    expect(await t.db.auditLog.count()).toBe(0);
  });
});

describe("refunds", () => {
  it("partial then full, never more than paid, and a resubmitted form refunds once", async () => {
    const { payment } = await seedBooking(t.db, { status: "COMPLETED", paidCents: 2000 });
    const key = crypto.randomUUID();
    expect(await adminRefundPayment(actor, { paymentId: payment!.id, amountCents: 500, reason: "Goodwill", requestKey: key })).toBe(
      "Refunded $5.",
    );
    await expect(
      adminRefundPayment(actor, { paymentId: payment!.id, amountCents: 500, reason: "Goodwill", requestKey: key }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      adminRefundPayment(actor, { paymentId: payment!.id, amountCents: 5000, reason: "Too much", requestKey: crypto.randomUUID() }),
    ).rejects.toMatchObject({ code: "refund_not_allowed" });
    expect(
      await adminRefundPayment(actor, { paymentId: payment!.id, amountCents: undefined, reason: "Rest", requestKey: crypto.randomUUID() }),
    ).toBe("Refunded $15.");
    expect(await t.db.payment.findUniqueOrThrow({ where: { id: payment!.id } })).toMatchObject({ status: "REFUNDED", refundedCents: 2000 });
    expect(await t.db.auditLog.count({ where: { action: "payment.refund" } })).toBe(2);
  });
});

describe("send reminder now", () => {
  it("queues a reminder once for a confirmed booking and refuses a second or a cancelled one", async () => {
    const { booking } = await seedBooking(t.db, { status: "CONFIRMED" });
    expect(await adminSendReminder(actor, booking.id)).toMatch(/queued/);
    expect(await t.db.outboxEmail.count({ where: { bookingId: booking.id, kind: "booking_reminder" } })).toBe(1);
    await expect(adminSendReminder(actor, booking.id)).rejects.toMatchObject({ message: /already been sent/ });
    const cancelled = await seedBooking(t.db, { status: "CANCELLED" });
    await expect(adminSendReminder(actor, cancelled.booking.id)).rejects.toMatchObject({ code: "invalid_transition" });
    expect(await t.db.auditLog.count({ where: { action: "booking.send_reminder" } })).toBe(1);
  });
});
