import type { Metadata } from "next";
import { connection } from "next/server";
import { existingClientSession } from "@/lib/http/client-context";
import { feeTimingFor } from "@/lib/payments/fee-timing";
import { resumeOwnBooking } from "@/lib/payments/resume-booking";
import { settings } from "@/lib/settings/settings";
import { parseFlowUrl } from "@/components/contact/booking-flow-state";
import { bookingTerms, HostAndFlow } from "./host-and-flow";
import { confirmPaymentAction, startBookingAction } from "./actions";
import { ContactFlow } from "./contact-flow";
import { flowStart } from "./open-slots";

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
  const start = await flowStart(session, e.BUSINESS_TIME_ZONE, url.step === "date" ? null : url.slotId);
  const { refundTerms, fee } = bookingTerms(e, start.kinds);
  const resumed = url.step === "payment" && url.slotId && session ? await resumeOwnBooking(url.slotId, session) : null;
  const resume = resumed && { ...resumed, feeTiming: await feeTimingFor(resumed.started.booking.id) };

  return (
    <div data-wide-page className="grid gap-6">
      <div className="grid gap-2">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Book a consultation</h1>
        <p className="text-slate-700">
          Pick a date and time, choose how you would like to meet, and tell us a little about what you need. You will get a confirmation
          with a calendar invitation.
        </p>
      </div>
      <HostAndFlow s={e} slots={start.kinds} fee={fee} gapClass="gap-6">
        <ContactFlow
          calendar={start.calendar}
          urlSlot={start.urlSlot}
          businessTimeZone={e.BUSINESS_TIME_ZONE}
          nowIso={new Date().toISOString()}
          windowDays={e.BOOKING_WINDOW_DAYS}
          refundTerms={refundTerms}
          fee={fee}
          initialSearch={query.toString()}
          resume={resume}
          actions={{ start: startBookingAction, confirmPayment: confirmPaymentAction }}
        />
      </HostAndFlow>
    </div>
  );
}
