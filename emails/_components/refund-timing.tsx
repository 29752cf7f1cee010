/**
 * Where a refund goes and when it shows. A demo payment took no money, so saying "your card"
 * there would send the visitor looking for a refund that never comes.
 */
export function refundTiming(demoPayment: boolean): string {
  return demoPayment
    ? "This was a demo payment: no card was charged, so no money moves."
    : "It goes back to your original payment method and usually shows within 5–10 business days.";
}
