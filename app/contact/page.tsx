import type { Metadata } from "next";
import { connection } from "next/server";
import { hostProfile } from "@/lib/booking/host-profile";
import { existingClientSession } from "@/lib/http/client-context";
import { resumeOwnBooking } from "@/lib/payments/resume-booking";
import { describeRefundPolicy, parseRefundPolicy } from "@/lib/refund-policy";
import { settings } from "@/lib/settings/settings";
import { BookingFlow } from "@/components/contact/booking-flow";
import { parseFlowUrl } from "@/components/contact/booking-flow-state";
import { summarizeFee } from "@/components/contact/fee";
import { HostPanel } from "@/components/contact/host-panel";
import { durationLabel, methodsOnOffer } from "@/components/contact/host-summary";
import { confirmPaymentAction, openSlotsAction, startBookingAction } from "./actions";
import { openSlotsFor } from "./open-slots";

export const metadata: Metadata = { title: "Book a consultation" };

type ContactPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function toSearchParams(query: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (typeof value === "string") params.set(key, value);
  return params;
}

export default async function ContactPage({ searchParams }: ContactPageProps) {
  await connection();
  // One settings snapshot for the whole page, so every part of it agrees.
  const e = await settings();
  const query = toSearchParams(await searchParams);
  const url = parseFlowUrl(query);
  // The visitor's own live hold stays on offer to them (and a reload finds it again).
  const session = await existingClientSession();
  const slots = await openSlotsFor(session);
  const policy = parseRefundPolicy(e.REFUND_POLICY);
  const refundTerms = { refundable: policy.kind !== "never", policy: describeRefundPolicy(policy) };
  const fee = summarizeFee(slots, refundTerms);
  const host = hostProfile(e);
  const resume = url.step === "payment" && url.slotId && session ? await resumeOwnBooking(url.slotId, session) : null;

  return (
    <div data-wide-page className="grid gap-6">
      <div className="grid gap-2">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Book a consultation</h1>
        <p className="text-slate-700">
          Pick a date and time, choose how you would like to meet, and tell us a little about what you need. You will get a confirmation
          with a calendar invitation.
        </p>
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-[17rem_minmax(0,1fr)]">
        <HostPanel
          name={host.name}
          description={host.description}
          logoPath={host.logoPath}
          duration={durationLabel(slots)}
          fee={fee}
          methods={methodsOnOffer(slots, host.methods)}
        />
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
            fee={fee}
            initialSearch={query.toString()}
            resume={resume}
            actions={{ start: startBookingAction, confirmPayment: confirmPaymentAction, openSlots: openSlotsAction }}
          />
        </div>
      </div>
    </div>
  );
}
