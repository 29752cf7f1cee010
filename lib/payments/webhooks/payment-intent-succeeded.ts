import "server-only";
import type { ProviderEvent } from "../gateway";
import { finalizeIntent } from "./finalize-intent";

/**
 * payment_intent.succeeded: the same finalisation as the visitor's confirm-payment call,
 * so a visitor who closed the tab after paying (or whose call was lost) is confirmed here;
 * a late payment on a slot someone else took is refunded there.
 */
export async function handlePaymentIntentSucceeded(event: ProviderEvent): Promise<void> {
  await finalizeIntent(event.intentId, event.id);
}
