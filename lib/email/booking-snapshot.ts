import "server-only";
import { addMinutes } from "date-fns";
import type { Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { manageUrl } from "@/lib/links/manage-link";
import { describeRefundPolicy, parseRefundPolicy } from "@/lib/refund-policy";
import { settings, type Settings } from "@/lib/settings/settings";
import { isAuthorizedStatus, isPaid } from "@/lib/status/payment-status";

import { QUEUE_TIME_FIELDS, type BookingEmailSnapshot, type QueueTimeConfiguration } from "./payload";

export type { BookingEmailSnapshot } from "./payload";

/** The booking row shape the snapshot is built from (a booking with slot and payment). */
export type SnapshotSource = {
  id: string;
  name: string;
  email: string;
  company: string | null;
  phone: string | null;
  notes: string | null;
  timeZone: string;
  method: string;
  meetingUrl: string | null;
  icsSequence: number;
  status: string;
  cancellationReason: string | null;
  /** Set once the booking is confirmed; the link is derived, never stored in clear. */
  manageTokenHash: string | null;
  manageTokenVersion: number;
  slot: { startsAt: Date; durationMinutes: number; currency: string };
  payment: {
    status: string;
    amountCents: number;
    refundedCents: number;
    currency: string;
    provider: string;
    captureAt?: Date | null;
  } | null;
};

/** The invitation UID of a booking: stable across its request, update and cancel emails. */
export function bookingUid(bookingId: string): string {
  return `${bookingId}@${new URL(env().APP_URL).hostname}`;
}

/** What an email takes from configuration, captured when it is queued (ADR 066). */
function queueTimeConfiguration(bookingId: string, s: Pick<Settings, "REFUND_POLICY">): QueueTimeConfiguration {
  const e = env();
  return {
    refundPolicy: describeRefundPolicy(parseRefundPolicy(s.REFUND_POLICY)),
    bookUrl: new URL("/", e.APP_URL).toString(),
    adminUrl: new URL(`/admin/bookings/${encodeURIComponent(bookingId)}`, e.APP_URL).toString(),
    inviteUid: bookingUid(bookingId),
    organizerEmail: e.ORGANIZER_EMAIL,
  };
}

/**
 * A payload queued by a build older than ADR 066 lacks the queue-time fields: they are filled
 * from today's configuration once, and the caller stores the result on the row, so that this
 * and every later attempt render the same bytes and no such email is lost. Null when complete.
 */
export async function completedLegacyPayload(payload: unknown): Promise<Record<string, unknown> | null> {
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) return null;
  const record = payload as Record<string, unknown>;
  const missing = QUEUE_TIME_FIELDS.filter((field) => typeof record[field] !== "string");
  if (missing.length === 0 || typeof record.bookingId !== "string") return null;
  const configuration = queueTimeConfiguration(record.bookingId, await settings());
  return { ...record, ...Object.fromEntries(missing.map((field) => [field, configuration[field]])) };
}

/**
 * Pure mapping, so batch jobs can snapshot many bookings loaded in one query; the business's
 * details come from the caller's settings snapshot (read once for the batch).
 */
export function snapshotFromBooking(booking: SnapshotSource, s: Settings, extra: { manageUrl?: string | null } = {}): BookingEmailSnapshot {
  const payment = booking.payment;
  const paid = isPaid(payment);
  return {
    bookingId: booking.id,
    name: booking.name,
    email: booking.email,
    company: booking.company,
    phone: booking.phone,
    notes: booking.notes,
    startsAt: booking.slot.startsAt.toISOString(),
    endsAt: addMinutes(booking.slot.startsAt, booking.slot.durationMinutes).toISOString(),
    durationMinutes: booking.slot.durationMinutes,
    visitorTimeZone: booking.timeZone,
    businessTimeZone: s.BUSINESS_TIME_ZONE,
    businessName: s.BUSINESS_NAME,
    businessPhone: s.BUSINESS_PHONE,
    method: booking.method,
    meetingUrl: booking.meetingUrl,
    amountPaidCents: paid ? payment.amountCents : 0,
    // Authorised, not charged yet (ADR 120): the email says when it will be.
    authorizedCents: payment && isAuthorizedStatus(payment.status) ? payment.amountCents : 0,
    chargeAt: payment && isAuthorizedStatus(payment.status) ? (payment.captureAt?.toISOString() ?? null) : null,
    refundedCents: payment?.refundedCents ?? 0,
    currency: payment?.currency ?? booking.slot.currency,
    demoPayment: payment?.provider === "DEMO",
    icsSequence: booking.icsSequence,
    status: booking.status,
    manageUrl:
      extra.manageUrl !== undefined
        ? extra.manageUrl
        : booking.manageTokenHash && booking.status !== "CANCELLED"
          ? manageUrl(booking.id, booking.manageTokenVersion)
          : null,
    cancellationReason: booking.cancellationReason,
    ...queueTimeConfiguration(booking.id, s),
  };
}

export async function bookingEmailSnapshot(
  tx: Tx,
  bookingId: string,
  extra: { manageUrl?: string | null } = {},
): Promise<BookingEmailSnapshot> {
  const booking = await tx.booking.findUniqueOrThrow({
    where: { id: bookingId },
    include: { slot: true, payment: true },
  });
  return snapshotFromBooking(booking, await settings(tx), extra);
}
