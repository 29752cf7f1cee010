import dynamic from "next/dynamic";
import { useCallback, useState, useTransition } from "react";
import type { MeetingMethodName } from "@/lib/meeting-methods";
import type { StartedBooking } from "@/lib/payments/start-booking";
import { ChosenSlot } from "./chosen-slot";
import type { RefundTerms } from "./fee";
import { FeeNotice } from "./fee-notice";
import type { FeeTiming } from "@/lib/payments/fee-timing";
import { feeTimingSentence } from "@/lib/status/fee-timing";
import { formatMoney } from "@/lib/format";
import { HoldCountdown } from "./hold-countdown";
import type { ActionProblem, DetailsValues, SlotOption } from "./types";

// Stripe.js and its React bindings load only when a card payment is actually due.
const StripePayment = dynamic(() => import("./stripe-payment").then((m) => m.StripePayment), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-600">Loading the secure card form…</p>,
});

type PaymentStepProps = {
  started: StartedBooking;
  clockOffsetMs: number;
  /** When the card is charged, as the server planned it; null says nothing about timing. */
  feeTiming: FeeTiming | null;
  slot: SlotOption;
  method: MeetingMethodName;
  details: DetailsValues;
  zone: string;
  businessTimeZone: string;
  refundTerms: RefundTerms;
  confirmPayment: (bookingId: string) => Promise<ActionProblem | undefined>;
  onSlotLost: (message: string) => void;
  onEditDetails: () => void;
};

export function PaymentStep(props: PaymentStepProps) {
  const { started, slot, method, details, zone, businessTimeZone, refundTerms, onSlotLost } = props;
  const [expired, setExpired] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const onExpire = useCallback(() => setExpired(true), []);
  const payment = started.payment;
  const bookingId = started.booking.id;

  function confirm() {
    if (pending || expired) return;
    setError(null);
    startTransition(async () => {
      const failure = await props.confirmPayment(bookingId);
      if (!failure) return; // redirected to the booking's page
      if (failure.code === "slot_taken") onSlotLost(failure.message);
      else setError(failure.message);
    });
  }

  const fee =
    payment.mode === "none" ? null : { amountCents: payment.amountCents, currency: payment.currency, varies: false, ...refundTerms };
  const payLabel = fee ? `Pay ${formatMoney(fee.amountCents, fee.currency)} & Book Consultation` : "Book Consultation";

  return (
    <div className="grid gap-4">
      <ChosenSlot slot={slot} zone={zone} businessTimeZone={businessTimeZone} method={method} />
      <div className="rounded-xl border border-slate-200 p-4 text-sm">
        <h3 className="font-semibold">Your details</h3>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="text-slate-600">Name</dt>
          <dd className="break-words">{details.name.trim()}</dd>
          <dt className="text-slate-600">Email</dt>
          <dd className="break-all">{details.email.trim()}</dd>
          {details.company.trim() && (
            <>
              <dt className="text-slate-600">Company</dt>
              <dd className="break-words">{details.company.trim()}</dd>
            </>
          )}
          {details.phone.trim() && (
            <>
              <dt className="text-slate-600">Phone</dt>
              <dd>{details.phone.trim()}</dd>
            </>
          )}
          {details.notes.trim() && (
            <>
              <dt className="text-slate-600">Notes</dt>
              {/* Plain text: React escapes it; line breaks are kept by CSS, never by HTML. */}
              <dd data-testid="notes-echo" className="whitespace-pre-wrap break-words">
                {details.notes.trim()}
              </dd>
            </>
          )}
        </dl>
        <button type="button" onClick={props.onEditDetails} className="mt-3 min-h-11 text-sm font-medium text-brand-700 underline">
          Edit details
        </button>
      </div>
      {fee && <FeeNotice fee={fee} />}
      {fee && props.feeTiming && (
        <p data-testid="fee-timing" className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
          {feeTimingSentence(props.feeTiming, fee, zone)}
        </p>
      )}
      <HoldCountdown expiresAt={Date.parse(started.booking.holdExpiresAt ?? "")} clockOffsetMs={props.clockOffsetMs} onExpire={onExpire} />
      {expired ? (
        <div className="rounded-lg border border-slate-200 p-4 text-sm">
          <p>The time is no longer held for you and may have been booked by someone else.</p>
          <button
            type="button"
            onClick={() => onSlotLost("Your hold expired. Please pick a time again.")}
            className="mt-3 inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 font-semibold text-white hover:bg-brand-700"
          >
            Pick another time
          </button>
        </div>
      ) : payment.mode === "stripe" ? (
        <StripePayment
          bookingId={bookingId}
          clientSecret={payment.clientSecret}
          publishableKey={payment.publishableKey}
          amountCents={payment.amountCents}
          currency={payment.currency}
          onPaid={confirm}
        />
      ) : (
        <div className="grid gap-3">
          {payment.mode === "demo" && (
            <p className="rounded-lg border border-dashed border-slate-400 bg-white p-3 text-sm">
              <strong>Demo mode:</strong> no card is charged. This site has no payment provider connected, so the button below confirms your
              booking as if the fee had been paid.
            </p>
          )}
          <button
            type="button"
            onClick={confirm}
            aria-disabled={pending || undefined}
            className="inline-flex min-h-12 w-full items-center justify-center rounded-lg bg-brand-600 px-5 py-3 text-base font-semibold text-white hover:bg-brand-700 aria-disabled:opacity-70 sm:w-auto"
          >
            {pending ? "Confirming…" : payLabel}
          </button>
        </div>
      )}
      <p role="alert" className="min-h-5 text-sm text-red-700">
        {error}
      </p>
    </div>
  );
}
