import "server-only";
import type { ProviderEvent } from "../gateway";
import { finalizeIntent } from "./finalize-intent";

/**
 * payment_intent.payment_failed: the payment is marked FAILED and the hold kept, so the
 * visitor can try another card. The intent is re-fetched first: if it has succeeded since
 * (events arrive in any order), this settles the success instead of undoing it.
 */
export async function handlePaymentIntentPaymentFailed(event: ProviderEvent): Promise<void> {
  await finalizeIntent(event.intentId, event.id);
}
