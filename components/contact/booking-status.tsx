import { METHOD_INFO, phoneCallWording } from "@/lib/meeting-methods";
import type { PublicBooking } from "@/lib/booking/public-view";
import { formatDuration, formatMoney, formatWhen, zoneCity } from "@/lib/format";
import { MethodIcon } from "./method-icon";
import { isSettledBooking } from "@/lib/status/booking-status";
import { isAuthorizedStatus, isRefundableStatus } from "@/lib/status/payment-status";
import { feeOutcomeSentence } from "@/lib/status/fee-timing";

type BookingStatusProps = {
  booking: PublicBooking;
  businessPhone: string;
  refundPolicy: string;
  now: Date;
  /** Where "pick a new time" leads: /contact, or the embed's own flow inside its iframe. */
  bookingHref?: string;
  /** Inside the embed's iframe a meeting room opens in its own tab. */
  meetingInNewTab?: boolean;
};

function isDemoRoom(url: string): boolean {
  try {
    return new URL(url).pathname.startsWith("/demo-room/");
  } catch {
    return false;
  }
}

function Panel({ title, children, tone = "slate" }: { title: string; children: React.ReactNode; tone?: "slate" | "amber" }) {
  const colors = tone === "amber" ? "border-amber-200 bg-amber-50" : "border-slate-200 bg-white";
  return (
    <div className={`grid gap-3 rounded-2xl border p-5 sm:p-6 ${colors}`}>
      <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
      {children}
    </div>
  );
}

function When({ booking }: { booking: PublicBooking }) {
  const sameZone = booking.visitorTimeZone === booking.businessTimeZone;
  return (
    <div>
      <dt className="text-sm text-slate-600">When</dt>
      <dd className="font-semibold">
        {formatWhen(booking.startsAt, booking.visitorTimeZone)}{" "}
        <span className="font-normal">({zoneCity(booking.visitorTimeZone)} time)</span>
      </dd>
      {!sameZone && (
        <dd className="text-slate-700">
          {formatWhen(booking.startsAt, booking.businessTimeZone)} ({zoneCity(booking.businessTimeZone)}, our time)
        </dd>
      )}
      <dd className="text-slate-700">{formatDuration(booking.durationMinutes)}</dd>
    </div>
  );
}

function Meeting({ booking, businessPhone, newTab }: { booking: PublicBooking; businessPhone: string; newTab: boolean }) {
  const info = METHOD_INFO[booking.method];
  if (booking.method === "PHONE") {
    return (
      <dd>
        {phoneCallWording(booking.gavePhone ? "the number you gave us" : null).lead}
        <a href={`tel:${businessPhone.replace(/[^\d+]/g, "")}`} className="font-semibold text-brand-700 underline">
          {businessPhone}
        </a>
        .
      </dd>
    );
  }
  if (!booking.meetingUrl) return <dd>We will email you the {info.label} link before the meeting.</dd>;
  return (
    <dd>
      <a
        href={booking.meetingUrl}
        rel="noreferrer"
        target={newTab ? "_blank" : undefined}
        className="font-semibold break-all text-brand-700 underline"
      >
        Join the {info.label} meeting
      </a>
      {isDemoRoom(booking.meetingUrl) && <span className="text-slate-600"> (demo room: no real {info.label} room is configured)</span>}
      <span className="block text-sm break-all text-slate-600">{booking.meetingUrl}</span>
    </dd>
  );
}

/** The booking's own page: the confirmed screen, or where a booking that is not confirmed stands. */
export function BookingStatus({
  booking,
  businessPhone,
  refundPolicy,
  now,
  bookingHref = "/contact",
  meetingInNewTab = false,
}: BookingStatusProps) {
  const info = METHOD_INFO[booking.method];
  const paid = !!booking.paymentStatus && isRefundableStatus(booking.paymentStatus);
  const authorized = !!booking.paymentStatus && isAuthorizedStatus(booking.paymentStatus);
  // "Authorised now, charged on …", "Authorisation released", "$10 charged on …" (ADR 130).
  const feeOutcome = booking.paymentStatus
    ? feeOutcomeSentence(
        { status: booking.paymentStatus, amountCents: booking.amountCents, currency: booking.currency, ...booking.feeTiming },
        booking.visitorTimeZone,
      )
    : null;

  if (isSettledBooking(booking.status)) {
    return (
      <Panel title="You're booked">
        <p className="text-slate-700">Thank you. Your consultation is confirmed.</p>
        <dl className="grid gap-4">
          <When booking={booking} />
          <div>
            <dt className="text-sm text-slate-600">How we meet</dt>
            <dd className="inline-flex items-center gap-2 font-semibold">
              <MethodIcon method={booking.method} className="size-5" /> {info.label}
            </dd>
            <Meeting booking={booking} businessPhone={businessPhone} newTab={meetingInNewTab} />
          </div>
          {(paid || authorized) && (
            <div>
              <dt className="text-sm text-slate-600">Booking fee</dt>
              <dd data-testid="fee-timing">
                {authorized ? feeOutcome : `${formatMoney(booking.amountCents, booking.currency)} paid.`} {refundPolicy}
              </dd>
            </div>
          )}
          <div>
            <dt className="text-sm text-slate-600">Booking reference</dt>
            <dd className="font-mono text-sm">{booking.id}</dd>
          </div>
        </dl>
        <h2 className="mt-2 text-lg font-semibold">What happens next</h2>
        <ol className="list-decimal space-y-1 pl-5 text-slate-700">
          <li>We are emailing you a confirmation with a calendar invitation (.ics) for this time.</li>
          <li>
            {booking.method === "PHONE"
              ? phoneCallWording(booking.gavePhone ? "the number you gave us" : null).nextStep
              : `At the start time, join using the ${info.label} link above or in the email.`}
          </li>
          <li>To change or cancel, use the link in the confirmation email or reply to it.</li>
        </ol>
      </Panel>
    );
  }

  if (booking.status === "PENDING_PAYMENT" && booking.paymentStatus === "PROCESSING") {
    return (
      <Panel title="Your payment is processing">
        <p>
          Your bank is still confirming the payment. We will email you as soon as the booking is confirmed; you do not need to pay again.
        </p>
        <dl>
          <When booking={booking} />
        </dl>
      </Panel>
    );
  }

  const holdActive = booking.status === "PENDING_PAYMENT" && booking.holdExpiresAt !== null && new Date(booking.holdExpiresAt) > now;
  const title = holdActive
    ? "This booking is waiting for payment"
    : booking.status === "CANCELLED"
      ? "This booking was cancelled"
      : "This hold has expired";
  return (
    <Panel title={title} tone="amber">
      <dl>
        <When booking={booking} />
      </dl>
      {holdActive ? (
        <p>The time is held for you for a few more minutes. Go back and pick the same time to continue where you left off.</p>
      ) : booking.status === "CANCELLED" ? (
        booking.paymentStatus === "RELEASED" ? (
          <p>{feeOutcome}</p>
        ) : (
          booking.refundedCents > 0 && <p>{formatMoney(booking.refundedCents, booking.currency)} has been refunded.</p>
        )
      ) : booking.refundedCents > 0 ? (
        <p>
          The time is no longer held for you. Your payment of {formatMoney(booking.refundedCents, booking.currency)} has been refunded in
          full.
        </p>
      ) : (
        <p>The time was not paid for in time, so it is no longer held. No money was taken.</p>
      )}
      <p>
        <a
          href={bookingHref}
          className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 font-semibold text-white hover:bg-brand-700"
        >
          {holdActive ? "Continue booking" : "Pick a new time"}
        </a>
      </p>
    </Panel>
  );
}
