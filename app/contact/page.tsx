import type { Metadata } from "next";
import { connection } from "next/server";
import { listAvailableDates } from "@/lib/booking/availability";
import { env } from "@/lib/env";
import { describeRefundPolicy, parseRefundPolicy } from "@/lib/refund-policy";
import { BookingFlow } from "@/components/contact/booking-flow";
import { summarizeFee } from "@/components/contact/fee";
import { FeeNotice } from "@/components/contact/fee-notice";
import { confirmPaymentAction, startBookingAction } from "./actions";

export const metadata: Metadata = { title: "Book a consultation" };

export default async function ContactPage() {
  await connection();
  const e = env();
  const dates = await listAvailableDates();
  // endsAt is derivable and the flow does not need it: keep the page payload small.
  const slots = dates.flatMap((d) => d.slots.map(({ endsAt: _endsAt, ...slot }) => slot));
  const policy = parseRefundPolicy(e.REFUND_POLICY);
  const refundTerms = { refundable: policy.kind !== "never", policy: describeRefundPolicy(policy) };
  const fee = summarizeFee(slots, refundTerms);

  return (
    <div className="grid gap-6">
      <div className="grid gap-2">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Book a consultation</h1>
        <p className="text-slate-700">
          Pick a date and time, choose how you would like to meet, and tell us a little about what you need. You will get a confirmation
          with a calendar invitation.
        </p>
      </div>
      {fee ? (
        <FeeNotice fee={fee} />
      ) : (
        <p className="rounded-lg bg-emerald-50 p-4 text-sm text-emerald-900">Consultations are free to book.</p>
      )}
      <div className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        {slots.length === 0 && (
          <p className="mb-4 rounded-lg bg-slate-100 p-3 text-sm">
            There are no open times in the next {e.BOOKING_WINDOW_DAYS} days. Please check back soon.
          </p>
        )}
        <BookingFlow
          slots={slots}
          businessTimeZone={e.BUSINESS_TIME_ZONE}
          nowIso={new Date().toISOString()}
          windowDays={e.BOOKING_WINDOW_DAYS}
          refundTerms={refundTerms}
          actions={{ start: startBookingAction, confirmPayment: confirmPaymentAction }}
        />
      </div>
    </div>
  );
}
