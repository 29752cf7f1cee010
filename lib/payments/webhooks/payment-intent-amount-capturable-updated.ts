import "server-only";
import type { ProviderEvent } from "../gateway";
import { finalizeIntent } from "./finalize-intent";

/**
 * payment_intent.amount_capturable_updated: the card is authorised (manual capture, ADR 121).
 * The same finalisation as the visitor's call: the booking is confirmed on the authorisation,
 * or, when its slot was taken meanwhile, the authorisation is released. The intent is
 * re-fetched, so this event arriving after the capture's succeeded changes nothing.
 */
export async function handlePaymentIntentAmountCapturableUpdated(event: ProviderEvent): Promise<void> {
  await finalizeIntent(event.intentId, event.id);
}
