import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { METHOD_INFO, phoneCallWording } from "@/lib/meeting-methods";
import { refundSentence } from "@/lib/refund-policy";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors/app-error";
import { getManageView, type ManageView } from "@/lib/self-service/manage-booking";
import { rescheduleStart } from "@/lib/self-service/reschedule-calendar";
import { formatMoney, formatWhen } from "@/lib/format";
import { releaseSentence } from "@/lib/status/fee-timing";
import { googleCalendarUrl, outlookCalendarUrl } from "@/components/manage/calendar-links";
import { CancelBookingForm } from "@/components/manage/cancel-booking-form";
import { cancelBookingAction, rescheduleBookingAction } from "./actions";
import { RescheduleCalendar } from "./reschedule-calendar";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your booking", robots: { index: false } };

const STATUS_TEXT: Record<string, string> = {
  CONFIRMED: "Confirmed",
  CANCELLED: "Cancelled",
  COMPLETED: "Completed",
  NO_SHOW: "Missed",
  EXPIRED: "Expired",
  PENDING_PAYMENT: "Awaiting payment",
};

async function load(token: string): Promise<ManageView> {
  try {
    return await getManageView(token);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

function refundText(view: ManageView): string {
  if (view.cancelFeeOutcome === "released") return releaseSentence("if_cancelled_now");
  if (view.cancelFeeOutcome === "kept" && view.paidCents === 0)
    return `${view.refundPolicy} If you cancel now, the fee is charged and not refunded.`;
  if (view.paidCents === 0) return "There is no fee to refund. Are you sure you want to cancel?";
  if (view.refundIfCancelledNowCents === 0) return `${view.refundPolicy} If you cancel now, the fee is not refunded.`;
  return `If you cancel now, ${refundSentence(formatMoney(view.refundIfCancelledNowCents, view.currency), "will be", view.demoPayment)}`;
}

export default async function ManageBookingPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const view = await load(token);
  const method = METHOD_INFO[view.method];
  const showBusinessZone = view.businessTimeZone !== view.visitorTimeZone;
  const now = new Date();
  // One month of counts, never the window's slots: the rest loads as the visitor browses.
  const start = view.reschedule.allowed ? await rescheduleStart(view, view.visitorTimeZone, now) : null;
  const event = {
    title: `Consultation (${method.label})`,
    startsAt: view.startsAt,
    endsAt: view.endsAt,
    location: view.meetingUrl ?? "",
    details: `Your consultation. Manage it here: ${new URL(`/booking/${token}`, env().APP_URL).toString()}`,
  };

  return (
    <main id="main" className="mx-auto max-w-3xl px-4 pt-6 pb-16 sm:pt-10">
      <h1 className="text-2xl font-semibold text-slate-900">Your booking</h1>
      <section aria-labelledby="summary" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="summary" className="sr-only">
          Summary
        </h2>
        <p className="text-sm font-medium text-slate-600">
          Status: <span className="text-slate-900">{STATUS_TEXT[view.status] ?? view.status}</span>
        </p>
        <p className="mt-2 text-lg font-semibold text-slate-900">{formatWhen(view.startsAt, view.visitorTimeZone)}</p>
        {showBusinessZone && <p className="text-sm text-slate-600">Our time: {formatWhen(view.startsAt, view.businessTimeZone)}</p>}
        <p className="mt-2 text-sm text-slate-700">
          {view.durationMinutes} minutes · {method.label}
        </p>
        {view.meetingUrl && (
          <p className="mt-2 text-sm">
            {/* The same phone wording as the method card, the confirmation page, the emails and the invite. */}
            {view.method === "PHONE" ? phoneCallWording(view.visitorPhone).lead : null}
            <a className="font-medium text-brand-700 underline" href={view.meetingUrl}>
              {view.method === "PHONE" ? view.meetingUrl.replace(/^tel:/, "") : "Join the meeting"}
            </a>
            {view.method === "PHONE" ? "." : null}
          </p>
        )}
        {/* Paid: the amount (and when it was charged); authorised or released: the sentence says it all (ADR 130). */}
        <p data-testid="fee-timing" className="mt-3 text-sm text-slate-700">
          Booking fee: {view.paidCents > 0 ? `${formatMoney(view.paidCents, view.currency)} paid` : (view.feeOutcome ?? "none")}
          {view.refundedCents > 0 && ` · ${formatMoney(view.refundedCents, view.currency)} refunded`}
        </p>
        {view.paidCents > 0 && view.feeOutcome && <p className="mt-1 text-sm text-slate-700">{view.feeOutcome}</p>}
      </section>

      {view.status === "CANCELLED" && (
        <div role="status" className="mt-6 space-y-2 rounded-md bg-slate-100 p-4 text-sm text-slate-800">
          <p>
            This booking is cancelled.
            {view.refundedCents > 0 && ` ${refundSentence(formatMoney(view.refundedCents, view.currency), "has been", view.demoPayment)}`}
            {view.paymentStatus === "RELEASED" && ` ${releaseSentence("released")}`} The time is free for someone else now. You are welcome
            to{" "}
            <a className="text-brand-700 underline" href="/contact">
              book another time
            </a>
            .
          </p>
          {view.cancellationReason && <p>Reason: {view.cancellationReason}</p>}
          {view.hasCancelInvite && (
            <p>
              <a className="text-brand-700 underline" href={`/api/manage/${token}/ics`}>
                Download the cancellation (.ics)
              </a>{" "}
              to remove the meeting from your calendar.
            </p>
          )}
        </div>
      )}

      {view.status === "CONFIRMED" && (
        <>
          <section aria-labelledby="calendar" className="mt-6">
            <h2 id="calendar" className="text-lg font-semibold text-slate-900">
              Add to your calendar
            </h2>
            <ul className="mt-2 flex flex-wrap gap-3 text-sm">
              <li>
                <a className="text-brand-700 underline" href={`/api/manage/${token}/ics`}>
                  Download .ics
                </a>
              </li>
              <li>
                <a className="text-brand-700 underline" href={googleCalendarUrl(event)} rel="noopener noreferrer" target="_blank">
                  Google Calendar
                </a>
              </li>
              <li>
                <a className="text-brand-700 underline" href={outlookCalendarUrl(event)} rel="noopener noreferrer" target="_blank">
                  Outlook
                </a>
              </li>
            </ul>
          </section>

          <section aria-labelledby="reschedule" className="mt-6">
            <h2 id="reschedule" className="text-lg font-semibold text-slate-900">
              Reschedule
            </h2>
            {start ? (
              <RescheduleCalendar
                token={token}
                hasOpenTimes={start.hasOpenTimes}
                calendar={{ month: start.month, dates: start.dates }}
                currentStartsAt={view.startsAt}
                timeZone={view.visitorTimeZone}
                businessTimeZone={view.businessTimeZone}
                nowIso={now.toISOString()}
                windowDays={view.windowDays}
                reschedule={rescheduleBookingAction}
              />
            ) : (
              <p className="mt-2 text-sm text-slate-700">{view.reschedule.reason}</p>
            )}
          </section>

          {view.canCancel && (
            <section aria-labelledby="cancel" className="mt-6">
              <h2 id="cancel" className="text-lg font-semibold text-slate-900">
                Cancel
              </h2>
              <p className="mb-3 mt-1 text-sm text-slate-700">{view.refundPolicy}</p>
              <CancelBookingForm token={token} refundText={refundText(view)} cancel={cancelBookingAction} />
            </section>
          )}
        </>
      )}
    </main>
  );
}
