import "server-only";
import { addMinutes } from "date-fns";
import { createElement, type ReactElement } from "react";
import { unstableToPlainText } from "@react-email/render";
import { z } from "zod";
import { METHOD_INFO, phoneCallWording, type MeetingMethodName } from "@/lib/meeting-methods";
import AdminCalendarBrokenEmail, { adminCalendarBrokenSubject, type AdminCalendarBrokenProps } from "@/emails/admin-calendar-broken";
import AdminBookingCancelledEmail, { adminBookingCancelledSubject } from "@/emails/admin-booking-cancelled";
import AdminNewBookingEmail, { adminNewBookingSubject } from "@/emails/admin-new-booking";
import AdminFeeLostEmail, { adminFeeLostSubject } from "@/emails/admin-fee-lost";
import AdminRefundedOutsideAppEmail, { adminRefundedOutsideAppSubject } from "@/emails/admin-refunded-outside-app";
import BookingCancelledEmail, { bookingCancelledSubject } from "@/emails/booking-cancelled";
import BookingConfirmedEmail, { bookingConfirmedSubject } from "@/emails/booking-confirmed";
import BookingReminderEmail, { bookingReminderSubject } from "@/emails/booking-reminder";
import BookingRescheduledEmail, { bookingRescheduledSubject } from "@/emails/booking-rescheduled";
import FeeReceiptEmail, { feeReceiptSubject } from "@/emails/fee-receipt";
import LatePaymentRefundedEmail, { latePaymentRefundedSubject } from "@/emails/late-payment-refunded";
import LatePaymentReleasedEmail, { latePaymentReleasedSubject } from "@/emails/late-payment-released";
import ManageLinkReissuedEmail, { manageLinkReissuedSubject } from "@/emails/manage-link-reissued";
import PaymentRefundedEmail, { paymentRefundedSubject } from "@/emails/payment-refunded";
import type { BookingSummary, WhenLine } from "@/emails/_components/types";
import { EMAIL_KINDS, type EmailKind } from "./kinds";
import { formatLongDate, formatMoney, zoneCity } from "@/lib/format";
import { feeOutcomeSentence } from "@/lib/status/fee-timing";
import { formatShortStart, formatTimeRange } from "./format";
import { inviteAttachment, type IcsAttachment } from "./ics";
import { emailPayloadSchema, VISITOR_CANCELLATION_REASON, type EmailPayload } from "./payload";

// Turns an outbox row (kind + the snapshot queued with it) into subject, HTML, plain text
// and attachments. Rendering is deterministic for a given row, so a retried send carries
// exactly the same body under the same Resend idempotency key: everything that depends on
// configuration (URLs, the refund policy's wording) was captured in the row when it was queued.

export type RenderedEmail = {
  subject: string;
  html: string;
  text: string;
  attachments: IcsAttachment[];
  /** Admin notifications reply to the visitor. */
  replyTo?: string;
};

export class EmailRenderError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EmailRenderError";
  }
}

export { emailPayloadSchema, type EmailPayload } from "./payload";

type Audience = "visitor" | "admin";

function whenLines(p: EmailPayload, audience: Audience): WhenLine[] {
  const start = new Date(p.startsAt);
  const end = new Date(p.endsAt);
  if (p.visitorTimeZone === p.businessTimeZone) {
    return [{ label: `Time (${zoneCity(p.businessTimeZone)})`, value: formatTimeRange(start, end, p.businessTimeZone) }];
  }
  const visitor = {
    label: `${audience === "visitor" ? "Your time" : "Visitor's time"} (${zoneCity(p.visitorTimeZone)})`,
    value: formatTimeRange(start, end, p.visitorTimeZone),
  };
  const business = {
    label: `${audience === "visitor" ? "Our time" : "Business time"} (${zoneCity(p.businessTimeZone)})`,
    value: formatTimeRange(start, end, p.businessTimeZone),
  };
  return audience === "visitor" ? [visitor, business] : [business, visitor];
}

function summary(p: EmailPayload, audience: Audience): BookingSummary {
  const info = METHOD_INFO[p.method as MeetingMethodName];
  const isPhone = p.method === "PHONE";
  return {
    businessName: p.businessName,
    recipientName: audience === "visitor" ? p.name : p.businessName,
    reference: p.bookingId,
    when: whenLines(p, audience),
    shortWhen: formatShortStart(new Date(p.startsAt), audience === "visitor" ? p.visitorTimeZone : p.businessTimeZone),
    durationMinutes: p.durationMinutes,
    meeting: {
      methodLabel: info?.label ?? p.method,
      joinUrl: p.meetingUrl?.startsWith("http") ? p.meetingUrl : null,
      businessPhone: isPhone ? p.businessPhone : null,
      callLead: isPhone ? phoneCallWording(p.phone).lead : null,
    },
  };
}

const money = (p: EmailPayload, cents: number) => formatMoney(cents, p.currency);
const paid = (p: EmailPayload) => (p.amountPaidCents > 0 ? money(p, p.amountPaidCents) : null);
/** "Your card is authorised for $10 and will be charged on …", for a fee not charged yet. */
const authorizedNote = (p: EmailPayload) =>
  p.authorizedCents > 0
    ? feeOutcomeSentence(
        { status: "AUTHORIZED", amountCents: p.authorizedCents, currency: p.currency, captureAt: p.chargeAt },
        p.visitorTimeZone,
      )
    : null;
const refund = (p: EmailPayload) => {
  const cents = p.refundCents ?? 0;
  return cents > 0 ? money(p, cents) : null;
};
const visitorOf = (p: EmailPayload) => ({ name: p.name, email: p.email, company: p.company, phone: p.phone, notes: p.notes });

function previousWhen(p: EmailPayload): string | null {
  if (!p.previousStartsAt) return null;
  const start = new Date(p.previousStartsAt);
  const end = p.previousEndsAt ? new Date(p.previousEndsAt) : addMinutes(start, p.durationMinutes);
  return formatTimeRange(start, end, p.visitorTimeZone);
}

type Built = { subject: string; element: ReactElement; ics?: "REQUEST" | "CANCEL"; replyTo?: string };

function build<P extends object>(component: (props: P) => ReactElement, subject: (props: P) => string, props: P) {
  return { subject: subject(props), element: createElement(component, props) };
}

/** The template element, subject and extras for a kind (exported for the render tests). */
export function buildEmail(kind: EmailKind, p: EmailPayload): Built {
  const { bookUrl, adminUrl } = p;
  switch (kind) {
    case "booking_confirmed":
      return {
        ...build(BookingConfirmedEmail, bookingConfirmedSubject, {
          ...summary(p, "visitor"),
          amountPaid: paid(p),
          authorizedNote: authorizedNote(p),
          refundPolicy: p.refundPolicy,
          manageUrl: p.manageUrl,
        }),
        ics: "REQUEST",
      };
    case "booking_rescheduled":
      return {
        ...build(BookingRescheduledEmail, bookingRescheduledSubject, {
          ...summary(p, "visitor"),
          previousWhen: previousWhen(p),
          manageUrl: p.manageUrl,
        }),
        ics: "REQUEST",
      };
    case "booking_reminder":
      return build(BookingReminderEmail, bookingReminderSubject, { ...summary(p, "visitor"), manageUrl: p.manageUrl });
    case "manage_link_reissued":
      return build(ManageLinkReissuedEmail, manageLinkReissuedSubject, { ...summary(p, "visitor"), manageUrl: p.manageUrl });
    case "booking_cancelled":
      return {
        ...build(BookingCancelledEmail, bookingCancelledSubject, {
          ...summary(p, "visitor"),
          amountPaid: paid(p),
          refundAmount: refund(p),
          demoPayment: p.demoPayment,
          authorization: p.authorizationOutcome ? { outcome: p.authorizationOutcome, amount: money(p, p.feeCents ?? 0) } : null,
          reason: p.cancellationReason === VISITOR_CANCELLATION_REASON ? null : p.cancellationReason,
          bookUrl,
        }),
        ics: "CANCEL",
      };
    case "payment_refunded":
      return build(PaymentRefundedEmail, paymentRefundedSubject, {
        ...summary(p, "visitor"),
        refundAmount: money(p, p.refundCents ?? p.refundedCents),
        amountPaid: paid(p),
        demoPayment: p.demoPayment,
      });
    case "late_payment_refunded":
      return build(LatePaymentRefundedEmail, latePaymentRefundedSubject, {
        ...summary(p, "visitor"),
        refundAmount: money(p, p.refundCents ?? p.amountPaidCents),
        demoPayment: p.demoPayment,
        bookUrl,
      });
    case "late_payment_released":
      return build(LatePaymentReleasedEmail, latePaymentReleasedSubject, {
        ...summary(p, "visitor"),
        amount: money(p, p.refundCents ?? p.amountPaidCents),
        demoPayment: p.demoPayment,
        bookUrl,
      });
    case "admin_new_booking":
      return {
        ...build(AdminNewBookingEmail, adminNewBookingSubject, {
          ...summary(p, "admin"),
          visitor: visitorOf(p),
          amountPaid: paid(p),
          adminUrl,
        }),
        replyTo: p.email,
      };
    case "admin_booking_cancelled":
      return {
        ...build(AdminBookingCancelledEmail, adminBookingCancelledSubject, {
          ...summary(p, "admin"),
          visitor: visitorOf(p),
          refundAmount: refund(p),
          reason: p.cancellationReason,
          adminUrl,
        }),
        replyTo: p.email,
      };
    case "admin_refunded_outside_app":
      return build(AdminRefundedOutsideAppEmail, adminRefundedOutsideAppSubject, {
        ...summary(p, "admin"),
        visitor: visitorOf(p),
        refundAmount: money(p, p.refundCents ?? p.refundedCents),
        amountPaid: paid(p),
        adminUrl,
      });
    case "fee_receipt":
      return build(FeeReceiptEmail, feeReceiptSubject, {
        ...summary(p, "visitor"),
        receiptNumber: p.receiptNumber ?? p.bookingId,
        amount: money(p, p.feeCents ?? p.amountPaidCents),
        chargedOn: p.chargedAt ? formatLongDate(p.chargedAt, p.visitorTimeZone) : "Not recorded",
        businessPhone: p.businessPhone,
        businessEmail: p.organizerEmail,
        demoPayment: p.demoPayment,
      });
    case "admin_fee_lost":
      return {
        ...build(AdminFeeLostEmail, adminFeeLostSubject, {
          ...summary(p, "admin"),
          visitor: visitorOf(p),
          fee: money(p, p.feeCents ?? 0),
          reason: p.feeLostReason ?? "The fee could not be captured.",
          adminUrl,
        }),
        replyTo: p.email,
      };
    case "admin_calendar_broken":
      throw new EmailRenderError("admin_calendar_broken carries no booking snapshot (see renderCalendarBroken)");
  }
}

const XHTML_DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

/**
 * The same document react-email's render() produces (its XHTML doctype), rendered in one
 * synchronous pass: the templates never suspend, and render() streams through Suspense and
 * then renders again for the text part, which made a 10,000-reminder run CPU-bound
 * (about 7 ms per email against 1 ms; see docs/benchmarks.md). The text part is derived
 * from this HTML. react-dom/server is imported lazily, as react-email does, so it never
 * lands in the React Server Components graph.
 */
let reactDomServer: Promise<typeof import("react-dom/server")> | undefined;
async function renderDocument(element: ReactElement): Promise<string> {
  reactDomServer ??= import("react-dom/server");
  const { renderToStaticMarkup } = await reactDomServer;
  return XHTML_DOCTYPE + renderToStaticMarkup(element).replace(/<!DOCTYPE.*?>/, "");
}

/** The one email about no booking: a calendar connection that stopped syncing (lib/calendars/health.ts). */
export const calendarBrokenPayloadSchema = z.object({
  businessName: z.string(),
  connectionLabel: z.string(),
  reason: z.string(),
  since: z.string(),
  visitorEffect: z.string(),
  adminUrl: z.string(),
}) satisfies z.ZodType<AdminCalendarBrokenProps>;

async function renderCalendarBroken(payload: unknown): Promise<RenderedEmail> {
  const parsed = calendarBrokenPayloadSchema.safeParse(payload);
  if (!parsed.success) throw new EmailRenderError("Invalid payload for admin_calendar_broken");
  const built = build(AdminCalendarBrokenEmail, adminCalendarBrokenSubject, parsed.data);
  const html = await renderDocument(built.element);
  return { subject: built.subject, html, text: unstableToPlainText(html), attachments: [] };
}

export function isEmailKind(kind: string): kind is EmailKind {
  return (EMAIL_KINDS as readonly string[]).includes(kind);
}

/**
 * Renders an outbox row. `queuedAt` (the row's createdAt) stamps the invitation so every
 * attempt produces identical bytes. Throws EmailRenderError for an unknown kind or a
 * payload that does not parse: retrying would not help.
 */
export async function renderEmail(row: { kind: string; payload: unknown; queuedAt: Date }): Promise<RenderedEmail> {
  if (!isEmailKind(row.kind)) throw new EmailRenderError(`Unknown email kind "${row.kind}"`);
  if (row.kind === "admin_calendar_broken") return renderCalendarBroken(row.payload);
  const parsed = emailPayloadSchema.safeParse(row.payload);
  if (!parsed.success) {
    throw new EmailRenderError(`Invalid payload for ${row.kind}: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}`);
  }
  const built = buildEmail(row.kind, parsed.data);
  const html = await renderDocument(built.element);
  const text = unstableToPlainText(html);
  return {
    subject: built.subject,
    html,
    text,
    attachments: built.ics ? [inviteAttachment(parsed.data, built.ics, row.queuedAt)] : [],
    ...(built.replyTo ? { replyTo: built.replyTo } : {}),
  };
}
