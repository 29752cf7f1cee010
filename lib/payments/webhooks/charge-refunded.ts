import "server-only";
import { log } from "@/lib/log";
import type { ProviderEvent } from "../gateway";
import { requireGateway } from "../gateway-registry";
import { recordProviderRefunds } from "../refund-ledger";
import { isUnsettledStatus } from "@/lib/status/payment-status";
import { finalizeIntent, paymentForIntent } from "./finalize-intent";

/**
 * charge.refunded: records the refunded amount and status from Stripe's own list of the
 * intent's refunds, including refunds the app did not start (dashboard) or had not heard
 * back about yet. A payment the app had not yet seen succeed is settled first.
 */
export async function handleChargeRefunded(event: ProviderEvent): Promise<void> {
  if (!event.intentId) return;
  const payment = await paymentForIntent(event.intentId);
  if (!payment) {
    log("info", "webhook.unknown_intent", { eventId: event.id, intentId: event.intentId });
    return;
  }
  if (isUnsettledStatus(payment.status)) await finalizeIntent(event.intentId, event.id);
  const g = requireGateway();
  const [intent, refunds] = await Promise.all([g.retrieveIntent(event.intentId), g.listRefunds(event.intentId)]);
  // A released or expired authorisation (ADR 121) marks its uncaptured charge refunded at
  // Stripe, but no money was ever taken: nothing to record as a refund.
  if (intent.captureMethod === "manual" && intent.amountReceivedCents === 0) return;
  await recordProviderRefunds(payment.id, refunds, intent.refundedCents);
}
