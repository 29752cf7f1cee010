import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { bookingIdSchema, bookingRequestSchema } from "@/lib/booking/schemas";
import { clientIp } from "@/lib/http/client-context";
import { finalizeBookingPayment, type FinalizeOutcome } from "@/lib/payments/finalize";
import { limitPaymentChecks } from "@/lib/payments/payment-check-limits";
import { feeTimingFor } from "@/lib/payments/fee-timing";
import { startBooking, type StartedBooking } from "@/lib/payments/start-booking";
import type { StartResult } from "@/components/contact/types";
import type { ActionFailure } from "@/lib/errors/action-result";
import { actionFailure, invalidInput } from "./action-result";

// The visitor's two writes, shared by the /contact actions and the embed's (app/embed/actions.ts).
// Same lib calls as POST /api/bookings and POST /api/bookings/{id}/confirm-payment; only the
// transport, the session's source (cookie or browser-kept id) and the pages they lead to differ.

export type FlowPages = {
  /** The page to revalidate after a write (its calendar must drop a taken time). */
  flow: string;
  /** A booking's own page. */
  booking: (bookingId: string) => string;
};

/** "Continue to payment": hold the slot and prepare its payment. Free slots confirm at once. */
export async function startBookingWith(input: unknown, session: () => Promise<string | undefined>, pages: FlowPages): Promise<StartResult> {
  const parsed = bookingRequestSchema.safeParse(input);
  if (!parsed.success) return invalidInput(z.flattenError(parsed.error).fieldErrors);
  let started: StartedBooking;
  try {
    started = await startBooking(parsed.data, { clientSession: await session(), ip: await clientIp() });
  } catch (error) {
    // No revalidatePath: the calendar reads its months and times over GET (ADR 140) and
    // reloads them on the way back, so a refreshed page payload would add nothing.
    return actionFailure(error, "startBookingAction");
  }
  if (started.booking.status === "CONFIRMED") redirect(pages.booking(started.booking.id));
  // The payment step says when the card is charged; the server decides, so it is asked here.
  return { ok: true, started, serverNow: new Date().toISOString(), feeTiming: await feeTimingFor(started.booking.id) };
}

const UNSETTLED: Partial<Record<FinalizeOutcome, ActionFailure>> = {
  refunded_slot_taken: {
    ok: false,
    code: "slot_taken",
    message: "Sorry, that time was taken while your hold had lapsed. Your payment has been refunded in full. Please pick another time.",
  },
  released_slot_taken: {
    ok: false,
    code: "slot_taken",
    message: "Sorry, that time was taken while your hold had lapsed. Your card was not charged. Please pick another time.",
  },
  not_paid: { ok: false, code: "payment_failed", message: "The payment has not gone through yet. Please try again." },
  already_refunded: {
    ok: false,
    code: "invalid_transition",
    message: "This payment has been refunded, so the booking cannot be confirmed. Please pick another time.",
  },
};

/** "Pay & Book": settles the payment (demo, or Stripe after the card step) and shows the booking. */
export async function confirmPaymentWith(bookingId: unknown, pages: FlowPages): Promise<ActionFailure> {
  const parsed = bookingIdSchema.safeParse(bookingId);
  if (!parsed.success) return { ok: false, code: "not_found", message: "Booking not found." };
  let outcome: FinalizeOutcome;
  try {
    await limitPaymentChecks(parsed.data, await clientIp());
    ({ outcome } = await finalizeBookingPayment(parsed.data));
  } catch (error) {
    return actionFailure(error, "confirmPaymentAction");
  }
  revalidatePath(pages.flow);
  const failure = UNSETTLED[outcome];
  if (failure) return failure;
  // confirmed, authorized, already_confirmed and processing: the booking's page says which.
  redirect(pages.booking(parsed.data));
}
