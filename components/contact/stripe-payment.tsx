"use client";

// Stripe Payment Element step. Owned by the Stripe integration (issue 4); this file fixes
// the props the payment step passes in.
export type StripePaymentProps = {
  bookingId: string;
  clientSecret: string;
  publishableKey: string;
  amountCents: number;
  currency: string;
  /** Called once Stripe reports the payment succeeded (or is processing). */
  onPaid: () => void;
};

export function StripePayment(props: StripePaymentProps) {
  return (
    <p role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
      Card payments are being set up for booking {props.bookingId}. Please try again shortly.
    </p>
  );
}
