import "server-only";
import { getDb, isUniqueViolation } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import { ADMIN_STATUS_LABEL, requiresPayment } from "@/lib/booking/admin-transitions";
import { confirmBooking } from "@/lib/booking/transitions";
import { meetingLinkFor, meetingRequestFor } from "@/lib/meetings/links";
import { isUnsettledStatus } from "@/lib/status/payment-status";
import { requireGateway } from "./gateway-registry";
import { finalizeBookingPayment } from "./finalize";

// "Mark confirmed" on a paid slot (ADR 086): the admin settles the fee outside the app
// (bank transfer, cash) or waives it. Any open Stripe intent is cancelled first, so the
// visitor can no longer pay by card as well; Stripe either cancels it (then no card
// payment can ever succeed on it) or reports that it was paid meanwhile, in which case
// the card payment confirms the booking as usual and the admin is told so.

export type Settlement = "PAID_OUTSIDE" | "WAIVED";

const CONFIRMABLE = ["PENDING_PAYMENT", "EXPIRED"] as const;

export async function adminSettleAndConfirm(
  actor: AuditActor,
  input: { bookingId: string; settlement: Settlement; reason: string },
  now = new Date(),
): Promise<void> {
  const db = await getDb();
  const booking = await db.booking.findUnique({ where: { id: input.bookingId }, include: { slot: true, payment: true } });
  if (!booking) throw new AppError("not_found", "Booking not found.");
  if (!requiresPayment(booking.slot)) throw new AppError("invalid_transition", "This slot is free: confirm the booking without a payment.");
  if (!(CONFIRMABLE as readonly string[]).includes(booking.status)) {
    throw new AppError("invalid_transition", `This booking is ${ADMIN_STATUS_LABEL[booking.status]} and cannot be confirmed.`);
  }
  const payment = booking.payment;
  if (payment && !isUnsettledStatus(payment.status) && payment.status !== "CANCELED") {
    throw new AppError("conflict", "This booking's payment has already been settled. Reload the page to see its state.");
  }
  if (payment?.provider === "STRIPE" && payment.status !== "CANCELED") {
    // A card authorised meanwhile is the visitor's payment: it settles the booking, and is
    // never released behind their back by this cancel.
    const current = await requireGateway().retrieveIntent(payment.providerPaymentId);
    const intent = current.status === "requires_capture" ? current : await requireGateway().cancelIntent(payment.providerPaymentId);
    if (intent.status === "succeeded" || intent.status === "requires_capture") {
      await finalizeBookingPayment(booking.id, now);
      throw new AppError("conflict", "The visitor has just paid by card, so that payment settles the booking. Reload the page.");
    }
    if (intent.status !== "canceled") {
      throw new AppError("conflict", "A card payment for this booking is being processed. Wait for it to finish, then try again.");
    }
    await db.payment.updateMany({ where: { id: payment.id, status: payment.status }, data: { status: "CANCELED" } });
  }

  const link = await meetingLinkFor(meetingRequestFor(booking));
  const settled = { status: input.settlement, settlementReason: input.reason, succeededAt: now, failureMessage: null };
  try {
    await db.$transaction(async (tx) => {
      // Conditional on the booking's status: of two concurrent confirms, one applies.
      const outcome = await confirmBooking(tx, booking.id, { now, meetingUrl: link.url, meetingExternalId: link.externalId });
      if (outcome !== "confirmed") throw new AppError("invalid_transition", "This booking was confirmed meanwhile. Reload the page.");
      if (payment) {
        const updated = await tx.payment.updateMany({
          where: { id: payment.id, status: { in: ["REQUIRES_PAYMENT", "FAILED", "CANCELED"] } },
          data: settled,
        });
        if (updated.count === 0) throw new AppError("conflict", "This booking's payment changed meanwhile. Reload the page.");
      } else {
        await tx.payment.create({
          data: {
            ...settled,
            bookingId: booking.id,
            provider: "MANUAL",
            providerPaymentId: `manual_${booking.id}`,
            amountCents: booking.slot.priceCents,
            currency: booking.slot.currency,
          },
        });
      }
      await recordAudit(tx, actor, {
        action: "booking.confirm",
        entityType: "booking",
        entityId: booking.id,
        bookingId: booking.id,
        before: { status: booking.status, paymentStatus: payment?.status ?? null },
        after: { status: "CONFIRMED", paymentStatus: input.settlement, reason: input.reason, meetingUrl: link.url },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("slot_taken", "Someone else has booked this slot since the hold lapsed.");
    throw error;
  }
  log("info", "booking.settled_by_admin", { bookingId: booking.id, settlement: input.settlement });
}
