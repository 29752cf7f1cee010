import "server-only";
import type Stripe from "stripe";
import type { IntentStatus, IntentView, RefundView } from "../gateway";

// Stripe wire objects to app types. Kept apart from the calls so each mapping is read once.

export const METADATA_BOOKING_ID = "booking_id";
export const METADATA_REFUND_ID = "app_refund_id";

function intentStatus(status: Stripe.PaymentIntent.Status): IntentStatus {
  switch (status) {
    case "succeeded":
      return "succeeded";
    case "canceled":
      return "canceled";
    case "requires_capture":
      return "requires_capture";
    case "processing":
      return "processing";
    default:
      return "requires_payment";
  }
}

// Our own words for a failed attempt: the visitor never sees Stripe's text.
const DECLINE_MESSAGES: Record<string, string> = {
  insufficient_funds: "The card has insufficient funds.",
  expired_card: "The card has expired.",
  incorrect_cvc: "The card's security code is incorrect.",
  incorrect_number: "The card number is incorrect.",
  processing_error: "The card could not be processed. Please try again.",
  authentication_required: "The card needs authentication. Please try again.",
  payment_intent_authentication_failure: "The card could not be authenticated.",
};

export function failureMessage(error: Stripe.PaymentIntent.LastPaymentError | null | undefined): string | null {
  if (!error) return null;
  const key = error.decline_code && DECLINE_MESSAGES[error.decline_code] ? error.decline_code : (error.code ?? "");
  return DECLINE_MESSAGES[key] ?? "The payment was declined. Please try another card.";
}

function expandedCharge(charge: string | Stripe.Charge | null): Stripe.Charge | null {
  return charge && typeof charge === "object" ? charge : null;
}

/** capture_before is on the card details of an uncaptured charge (Unix seconds). */
function captureBefore(charge: Stripe.Charge | null): Date | null {
  const seconds = charge?.payment_method_details?.card?.capture_before;
  return typeof seconds === "number" ? new Date(seconds * 1000) : null;
}

/** Expects latest_charge expanded (the gateway always asks for it). */
export function toIntentView(intent: Stripe.PaymentIntent): IntentView {
  return {
    id: intent.id,
    status: intentStatus(intent.status),
    amountCents: intent.amount,
    currency: intent.currency,
    bookingId: intent.metadata?.[METADATA_BOOKING_ID] ?? null,
    lastError: failureMessage(intent.last_payment_error),
    refundedCents: expandedCharge(intent.latest_charge)?.amount_refunded ?? 0,
    createdAt: new Date(intent.created * 1000),
    captureMethod: intent.capture_method === "automatic" || intent.capture_method === "automatic_async" ? "automatic" : "manual",
    amountCapturableCents: intent.amount_capturable ?? 0,
    amountReceivedCents: intent.amount_received ?? 0,
    authorizedUntil: intent.status === "requires_capture" ? captureBefore(expandedCharge(intent.latest_charge)) : null,
  };
}

export function toRefundView(refund: Stripe.Refund): RefundView {
  const status =
    refund.status === "succeeded" ? "succeeded" : refund.status === "failed" || refund.status === "canceled" ? "failed" : "pending";
  return { id: refund.id, status, amountCents: refund.amount, appRefundId: refund.metadata?.[METADATA_REFUND_ID] ?? null };
}
