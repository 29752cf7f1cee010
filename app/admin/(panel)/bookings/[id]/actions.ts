"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/app/admin/_lib/admin-action";
import { adminCancelBooking, adminRefundPayment, adminSendReminder } from "@/lib/admin/booking-admin-actions";
import { adminSettleAndConfirm } from "@/lib/payments/admin-settlement";
import {
  adminConfirmBooking,
  adminRecordMeetingResult,
  adminRecordProjectOutcome,
  adminReissueManageLink,
} from "@/lib/booking/admin-transitions";
import { parseAmountToCents } from "@/lib/format";
import { bookingIdSchema } from "@/lib/booking/schemas";

// Thin actions for the booking detail page: adminAction checks the session, parses the
// form and maps errors to messages; each body is one call into lib/.

const booking = z.object({ bookingId: bookingIdSchema });

function refreshBooking(bookingId: string) {
  revalidatePath(`/admin/bookings/${bookingId}`);
  revalidatePath("/admin", "layout");
}

export const confirmBookingAction = adminAction("booking.confirm", booking, async (actor, { bookingId }) => {
  const { warnings } = await adminConfirmBooking(actor, bookingId);
  refreshBooking(bookingId);
  const note = warnings.length > 0 ? ` Note: this goes over the booking rules. ${warnings.join(" ")}` : "";
  return `Booking confirmed; the visitor has been emailed.${note}`;
});

const settleSchema = booking.extend({
  settlement: z.enum(["PAID_OUTSIDE", "WAIVED"], { error: "Choose how the fee was settled." }),
  reason: z.string().trim().min(1, "Give a reason (it is kept with the payment).").max(500, "At most 500 characters."),
});

export const settleAndConfirmAction = adminAction("booking.confirm", settleSchema, async (actor, input) => {
  await adminSettleAndConfirm(actor, input);
  refreshBooking(input.bookingId);
  return "Booking confirmed; the visitor has been emailed.";
});

export const markCompletedAction = adminAction("booking.mark_completed", booking, async (actor, { bookingId }) => {
  await adminRecordMeetingResult(actor, bookingId, "COMPLETED");
  refreshBooking(bookingId);
  return "Marked as completed.";
});

export const markNoShowAction = adminAction("booking.mark_no_show", booking, async (actor, { bookingId }) => {
  await adminRecordMeetingResult(actor, bookingId, "NO_SHOW");
  refreshBooking(bookingId);
  return "Marked as a no-show.";
});

const cancelSchema = booking.extend({
  refund: z.enum(["policy", "full", "none"], { error: "Choose how much to refund." }),
  reason: z
    .string()
    .trim()
    .max(500, "At most 500 characters.")
    .optional()
    .transform((v) => v || undefined),
});

export const cancelBookingAction = adminAction("booking.cancel", cancelSchema, async (actor, input) => {
  const message = await adminCancelBooking(actor, input);
  refreshBooking(input.bookingId);
  return message;
});

export const sendReminderAction = adminAction("booking.send_reminder", booking, async (actor, { bookingId }) => {
  const message = await adminSendReminder(actor, bookingId);
  refreshBooking(bookingId);
  return message;
});

export const reissueManageLinkAction = adminAction("booking.reissue_manage_link", booking, async (actor, { bookingId }) => {
  await adminReissueManageLink(actor, bookingId);
  refreshBooking(bookingId);
  return "The old link no longer works; the visitor has been emailed a new one.";
});

const outcomeSchema = booking.extend({
  projectOutcome: z.enum(["NONE", "WON", "LOST"], { error: "Choose an outcome." }),
  projectNotes: z
    .string()
    .trim()
    .max(2000, "At most 2000 characters.")
    .transform((v) => v || null),
});

export const recordOutcomeAction = adminAction("booking.project_outcome", outcomeSchema, async (actor, { bookingId, ...outcome }) => {
  await adminRecordProjectOutcome(actor, bookingId, outcome);
  refreshBooking(bookingId);
  return "Project outcome saved.";
});

const refundSchema = booking
  .extend({
    paymentId: z.uuid(),
    requestKey: z.uuid(),
    kind: z.enum(["full", "partial"], { error: "Choose a full or partial refund." }),
    amount: z.string().trim().optional(),
    reason: z.string().trim().min(1, "Give a reason (it is kept with the refund).").max(500, "At most 500 characters."),
  })
  .transform((input, ctx) => {
    if (input.kind === "full") return { ...input, amountCents: undefined };
    const cents = parseAmountToCents(input.amount ?? "");
    if (!cents) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: "Enter an amount like 5.00." });
      return z.NEVER;
    }
    return { ...input, amountCents: cents };
  });

export const refundPaymentAction = adminAction("payment.refund", refundSchema, async (actor, input) => {
  const message = await adminRefundPayment(actor, input);
  refreshBooking(input.bookingId);
  return message;
});
