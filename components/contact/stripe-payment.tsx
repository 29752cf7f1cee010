"use client";

import { useEffect, useState, type FormEvent } from "react";
import { loadStripe, type Stripe, type StripeError } from "@stripe/stripe-js";
import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import { formatMoney } from "@/lib/format";
import { useFlowLinks } from "./flow-links";

// The card step in Stripe mode: Stripe's Payment Element, confirmed in the browser with
// redirect "if_required" (cards stay on the page; bank and wallet methods come back
// through the return page, /contact/return or /embed/return). The server is then asked to finalise; it checks with Stripe
// itself, and the webhook finishes the job if this tab is closed first.
export type StripePaymentProps = {
  bookingId: string;
  clientSecret: string;
  publishableKey: string;
  amountCents: number;
  currency: string;
  /** Called once Stripe reports the payment succeeded (or is processing). */
  onPaid: () => void;
};

// Stripe.js that neither loads nor fails (a stalled network) must not leave an empty box.
const LOAD_TIMEOUT_MS = 15_000;

type Load = { state: "loading" } | { state: "ready"; stripe: Stripe } | { state: "failed" };

function loadWithTimeout(publishableKey: string): Promise<Stripe | null> {
  return Promise.race([
    loadStripe(publishableKey),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("Stripe.js load timed out")), LOAD_TIMEOUT_MS)),
  ]);
}

const buttonClass =
  "inline-flex min-h-12 w-full items-center justify-center rounded-lg bg-brand-600 px-5 py-3 text-base font-semibold text-white hover:bg-brand-700 aria-disabled:opacity-70 sm:w-auto";

function LoadFailed({ onRetry }: { onRetry: () => void }) {
  return (
    <div role="alert" className="grid gap-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
      <p className="font-semibold">The secure card form could not be loaded.</p>
      <p>
        Your connection may be offline, or a browser extension may be blocking Stripe, our payment provider. Your time is still held for
        you; nothing has been charged.
      </p>
      <button type="button" onClick={onRetry} className={buttonClass}>
        Try again
      </button>
    </div>
  );
}

export function StripePayment(props: StripePaymentProps) {
  const [attempt, setAttempt] = useState(0);
  const [load, setLoad] = useState<Load>({ state: "loading" });

  useEffect(() => {
    let current = true;
    loadWithTimeout(props.publishableKey).then(
      (stripe) => current && setLoad(stripe ? { state: "ready", stripe } : { state: "failed" }),
      () => current && setLoad({ state: "failed" }),
    );
    return () => {
      current = false;
    };
  }, [props.publishableKey, attempt]);

  if (load.state === "loading") {
    return (
      <p role="status" className="text-sm text-slate-600">
        Loading the secure card form…
      </p>
    );
  }
  if (load.state === "failed")
    return (
      <LoadFailed
        onRetry={() => {
          setLoad({ state: "loading" });
          setAttempt((n) => n + 1);
        }}
      />
    );
  return (
    <Elements stripe={load.stripe} options={{ clientSecret: props.clientSecret, appearance: { theme: "stripe" } }}>
      <PaymentForm {...props} onLoadError={() => setLoad({ state: "failed" })} />
    </Elements>
  );
}

/** Our words for what went wrong; Stripe's own error text is not shown. */
function errorMessage(error: StripeError): string {
  switch (error.type) {
    case "card_error":
      return "Your card was declined. Please check the details or use another card.";
    case "validation_error":
      return "Please check the payment details above.";
    default:
      return "The payment could not be completed. Please try again.";
  }
}

/** Tells the server the browser saw the payment go through. Best effort: the webhook backs it up. */
async function reportPaid(bookingId: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const res = await fetch(`/api/bookings/${encodeURIComponent(bookingId)}/confirm-payment`, { method: "POST" });
      if (res.ok || res.status < 500) return;
    } catch {
      // Network hiccup: try once more, then leave it to the webhook.
    }
  }
}

function PaymentForm(props: StripePaymentProps & { onLoadError: () => void }) {
  const stripe = useStripe();
  const elements = useElements();
  const [ready, setReady] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const links = useFlowLinks();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!stripe || !elements || !ready || busy) return;
    setBusy(true);
    setError(null);
    // A redirect (3-D Secure, bank pages) comes back to the page that asked: /contact or the embed.
    const returnUrl = new URL(links.paymentReturn(props.bookingId), window.location.origin).toString();
    const result = await stripe.confirmPayment({ elements, redirect: "if_required", confirmParams: { return_url: returnUrl } });
    if (result.error) {
      setError(errorMessage(result.error));
      setBusy(false);
      return;
    }
    const status = result.paymentIntent.status;
    if (status === "succeeded" || status === "processing") {
      await reportPaid(props.bookingId);
      props.onPaid();
      return;
    }
    setError("The payment was not completed. Please try again.");
    setBusy(false);
  }

  return (
    <form onSubmit={submit} className="grid gap-4" aria-busy={busy || undefined}>
      <PaymentElement options={{ layout: "tabs" }} onReady={() => setReady(true)} onLoadError={props.onLoadError} />
      <button type="submit" aria-disabled={!ready || busy || undefined} className={buttonClass}>
        {busy ? "Processing payment…" : `Pay ${formatMoney(props.amountCents, props.currency)} & Book Consultation`}
      </button>
      <p role="alert" className="min-h-5 text-sm text-red-700">
        {error}
      </p>
    </form>
  );
}
