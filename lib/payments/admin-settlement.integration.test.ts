import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { seedBooking } from "@/tests/helpers/admin-fixtures";
import { useFakeStripe } from "@/tests/fakes/stripe/use-fake-stripe";
import { heldStripeBooking, lapseHold } from "@/tests/fakes/stripe/scenarios";
import { expireStaleHolds } from "@/lib/booking/holds";
import { adminSettleAndConfirm } from "./admin-settlement";
import { finalizeBookingPayment } from "./finalize";

const t = useTestDatabase();
const stripe = useFakeStripe();
const actor = { id: "admin-1", email: "owner@example.com" };

describe("mark confirmed on a paid slot", () => {
  it("confirms a held booking with no payment started, records it in the ledger and audit log, and emails the visitor", async () => {
    const { booking } = await seedBooking(t.db, { status: "PENDING_PAYMENT", priceCents: 1000 });
    await adminSettleAndConfirm(actor, { bookingId: booking.id, settlement: "PAID_OUTSIDE", reason: "Bank transfer ref 42" });

    const after = await t.db.booking.findUniqueOrThrow({ where: { id: booking.id }, include: { payment: true } });
    expect(after).toMatchObject({ status: "CONFIRMED", holdExpiresAt: null });
    expect(after.meetingUrl).toBeTruthy();
    expect(after.payment).toMatchObject({
      provider: "MANUAL",
      status: "PAID_OUTSIDE",
      amountCents: 1000,
      settlementReason: "Bank transfer ref 42",
    });
    const email = await t.db.outboxEmail.findFirstOrThrow({ where: { bookingId: booking.id, kind: "booking_confirmed" } });
    expect(email.toAddress).toBe("ada@example.com");
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { bookingId: booking.id } });
    expect(audit).toMatchObject({
      action: "booking.confirm",
      actorEmail: actor.email,
      before: { status: "PENDING_PAYMENT", paymentStatus: null },
      after: { status: "CONFIRMED", paymentStatus: "PAID_OUTSIDE", reason: "Bank transfer ref 42" },
    });
  });

  it("cancels the open Stripe intent, so a late card payment cannot go through", async () => {
    const held = await heldStripeBooking(t.db, { priceCents: 2500 });
    await adminSettleAndConfirm(actor, { bookingId: held.bookingId, settlement: "WAIVED", reason: "Returning client" });

    expect(stripe.fake.state.intent(held.intentId).status).toBe("canceled");
    const payment = await t.db.payment.findUniqueOrThrow({ where: { id: held.paymentId } });
    expect(payment).toMatchObject({ provider: "STRIPE", status: "WAIVED", settlementReason: "Returning client" });

    // The visitor's page still tries to pay: Stripe refuses a canceled intent, and a
    // replayed finalize leaves the admin's settlement alone.
    await stripe.pay(held.intentId).catch(() => {});
    expect(stripe.fake.state.intent(held.intentId).status).toBe("canceled");
    expect((await finalizeBookingPayment(held.bookingId)).outcome).toBe("already_confirmed");
    expect(await t.db.payment.findUniqueOrThrow({ where: { id: held.paymentId } })).toMatchObject({ status: "WAIVED" });
    expect(await t.db.booking.findUniqueOrThrow({ where: { id: held.bookingId } })).toMatchObject({ status: "CONFIRMED" });
    expect(await t.db.refund.count()).toBe(0);
  });

  it("lets the visitor's card payment win when it arrived first, and tells the admin", async () => {
    const held = await heldStripeBooking(t.db);
    await stripe.pay(held.intentId);
    await expect(
      adminSettleAndConfirm(actor, { bookingId: held.bookingId, settlement: "PAID_OUTSIDE", reason: "Cash" }),
    ).rejects.toMatchObject({ code: "conflict", message: /just paid by card/ });
    const payment = await t.db.payment.findUniqueOrThrow({ where: { id: held.paymentId } });
    expect(payment).toMatchObject({ status: "SUCCEEDED", settlementReason: null });
    expect(await t.db.booking.findUniqueOrThrow({ where: { id: held.bookingId } })).toMatchObject({ status: "CONFIRMED" });
    expect(await t.db.auditLog.count()).toBe(0);
  });

  it("revives a lapsed hold whose slot is still free, but not one whose slot was taken", async () => {
    const free = await heldStripeBooking(t.db);
    await lapseHold(t.db, free.bookingId);
    await expireStaleHolds(new Date());
    await adminSettleAndConfirm(actor, { bookingId: free.bookingId, settlement: "PAID_OUTSIDE", reason: "Cash" });
    expect(await t.db.booking.findUniqueOrThrow({ where: { id: free.bookingId } })).toMatchObject({ status: "CONFIRMED" });

    const lapsed = await heldStripeBooking(t.db);
    await lapseHold(t.db, lapsed.bookingId);
    await expireStaleHolds(new Date());
    const taker = await heldStripeBooking(t.db, { slotId: lapsed.slotId });
    await expect(
      adminSettleAndConfirm(actor, { bookingId: lapsed.bookingId, settlement: "PAID_OUTSIDE", reason: "Cash" }),
    ).rejects.toMatchObject({ code: "slot_taken" });
    expect(await t.db.booking.findUniqueOrThrow({ where: { id: lapsed.bookingId } })).toMatchObject({ status: "EXPIRED" });
    expect(await t.db.payment.findUniqueOrThrow({ where: { id: lapsed.paymentId } })).toMatchObject({ settlementReason: null });
    expect(await t.db.booking.findUniqueOrThrow({ where: { id: taker.bookingId } })).toMatchObject({ status: "PENDING_PAYMENT" });
    expect(await t.db.outboxEmail.count({ where: { bookingId: lapsed.bookingId } })).toBe(0);
  });

  it("refuses a booking that is not awaiting payment, or a free slot", async () => {
    const confirmed = await seedBooking(t.db, { status: "CONFIRMED", priceCents: 1000 });
    await expect(
      adminSettleAndConfirm(actor, { bookingId: confirmed.booking.id, settlement: "WAIVED", reason: "x" }),
    ).rejects.toMatchObject({ code: "invalid_transition" });
    const free = await seedBooking(t.db, { status: "PENDING_PAYMENT", priceCents: 0 });
    await expect(adminSettleAndConfirm(actor, { bookingId: free.booking.id, settlement: "WAIVED", reason: "x" })).rejects.toMatchObject({
      code: "invalid_transition",
    });
  });

  it("of two concurrent confirms, exactly one applies", async () => {
    const { booking } = await seedBooking(t.db, { status: "PENDING_PAYMENT", priceCents: 1000 });
    const results = await Promise.allSettled([
      adminSettleAndConfirm(actor, { bookingId: booking.id, settlement: "PAID_OUTSIDE", reason: "Cash" }),
      adminSettleAndConfirm(actor, { bookingId: booking.id, settlement: "WAIVED", reason: "Friend" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({
      reason: { code: expect.stringMatching(/invalid_transition|conflict/) },
    });
    expect(await t.db.payment.count({ where: { bookingId: booking.id } })).toBe(1);
    expect(await t.db.auditLog.count({ where: { bookingId: booking.id } })).toBe(1);
    expect(await t.db.outboxEmail.count({ where: { bookingId: booking.id, kind: "booking_confirmed" } })).toBe(1);
  });
});
