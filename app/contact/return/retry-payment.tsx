"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import type { BookingPaymentIntent } from "@/lib/payments/payment-intent";

// Stripe.js loads only in the browser, and only on this failure screen.
const StripePayment = dynamic(() => import("@/components/contact/stripe-payment").then((m) => m.StripePayment), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-600">Loading the secure card form…</p>,
});

export function RetryPayment({ payment, bookingHref }: { payment: BookingPaymentIntent; bookingHref: string }) {
  const router = useRouter();
  return (
    <StripePayment
      bookingId={payment.bookingId}
      clientSecret={payment.clientSecret}
      publishableKey={payment.publishableKey}
      amountCents={payment.amountCents}
      currency={payment.currency}
      onPaid={() => router.push(bookingHref)}
    />
  );
}
