// Refunds made outside the app (the Stripe dashboard, Stripe's own disputes tooling) reach
// the app only through charge.refunded; their Refund rows are keyed by the provider's id.
// A booking left confirmed after one is shown to the admin as "refunded outside the app".

export const EXTERNAL_REFUND_KEY_PREFIX = "provider:";

export function externalRefundKey(providerRefundId: string): string {
  return `${EXTERNAL_REFUND_KEY_PREFIX}${providerRefundId}`;
}

export function isExternalRefund(refund: { idempotencyKey: string }): boolean {
  return refund.idempotencyKey.startsWith(EXTERNAL_REFUND_KEY_PREFIX);
}

/** A booking still confirmed although money on it was refunded outside the app. */
export function refundedOutsideApp(booking: { status: string }, refunds: { idempotencyKey: string; status: string }[]): boolean {
  return booking.status === "CONFIRMED" && refunds.some((r) => r.status === "SUCCEEDED" && isExternalRefund(r));
}
