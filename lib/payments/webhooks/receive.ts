import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { errorDetail, log } from "@/lib/log";
import { isProviderError, type ProviderEvent } from "../gateway";
import { verifyWebhookEvent, WebhookSignatureError } from "../stripe/webhook-signature";
import { handleChargeRefunded } from "./charge-refunded";
import { claimEvent, completeEvent, releaseEvent } from "./event-log";
import { handlePaymentIntentAmountCapturableUpdated } from "./payment-intent-amount-capturable-updated";
import { handlePaymentIntentCanceled } from "./payment-intent-canceled";
import { handlePaymentIntentPaymentFailed } from "./payment-intent-payment-failed";
import { handlePaymentIntentSucceeded } from "./payment-intent-succeeded";
import { bookingIdForIntent } from "./finalize-intent";

// POST /api/webhooks/stripe: verify, record, dispatch. Handlers re-fetch what the event
// refers to and only make conditional moves, so a duplicate, a reordered or a concurrent
// delivery cannot do harm; the event table makes duplicates cheap no-ops on top of that.

const HANDLERS: Record<string, (event: ProviderEvent) => Promise<void>> = {
  "payment_intent.succeeded": handlePaymentIntentSucceeded,
  "payment_intent.amount_capturable_updated": handlePaymentIntentAmountCapturableUpdated,
  "payment_intent.payment_failed": handlePaymentIntentPaymentFailed,
  "payment_intent.canceled": handlePaymentIntentCanceled,
  "charge.refunded": handleChargeRefunded,
};

const bookingIdOf = (event: ProviderEvent) => bookingIdForIntent(event.intentId);

export type WebhookOutcome = "processed" | "duplicate" | "in_progress" | "ignored";

/** Retryable: Stripe down, database trouble. Anything else will fail the same way again. */
function isRetryable(error: unknown): boolean {
  if (isProviderError(error)) return error.kind === "unavailable";
  return !(error instanceof AppError);
}

/**
 * `readRawBody` is called only once the server is known to take webhooks, so an
 * unconfigured server never reads (or buffers) a body at all.
 */
export async function receiveStripeWebhook(readRawBody: () => Promise<string>, signature: string | null): Promise<WebhookOutcome> {
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (!secret) {
    log("warn", "webhook.not_configured", {});
    // 404, not 5xx: nothing is broken on this server, it simply takes no Stripe events.
    throw new AppError("not_found", "Webhooks are not configured on this server.");
  }
  const rawBody = await readRawBody();
  let event: ProviderEvent;
  try {
    event = verifyWebhookEvent(rawBody, signature, secret);
  } catch (error) {
    if (!(error instanceof WebhookSignatureError)) throw error;
    log("warn", "webhook.bad_signature", { hasSignature: !!signature });
    throw new AppError("bad_request", "Invalid webhook signature.");
  }
  const handler = HANDLERS[event.type];
  if (!handler) return "ignored";

  // One line per delivery with its booking (when the intent is ours) and its outcome. Looked
  // up before the claim, so a failure here leaves nothing claimed.
  const context = { eventId: event.id, type: event.type, bookingId: await bookingIdOf(event) };
  const claim = await claimEvent(event);
  if (claim !== "claimed") {
    log("info", "webhook.not_claimed", { ...context, outcome: claim });
    return claim;
  }
  try {
    await handler(event);
  } catch (error) {
    if (isRetryable(error)) {
      await releaseEvent(event.id);
      log("warn", "webhook.handler_failed", { ...context, outcome: "retry_later", error: errorDetail(error) });
      throw error;
    }
    // A permanent failure (e.g. a payment that does not match its booking) is logged where
    // it happens and recorded as processed: redelivery would only fail again.
    log("warn", "webhook.handler_rejected", { ...context, outcome: "rejected", error: errorDetail(error) });
  }
  await completeEvent(event.id);
  log("info", "webhook.processed", { ...context, outcome: "processed" });
  return "processed";
}
