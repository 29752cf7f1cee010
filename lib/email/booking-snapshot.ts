import "server-only";
import { addMinutes } from "date-fns";
import type { Tx } from "@/lib/db";
import { env } from "@/lib/env";

/** What every booking email needs, captured when the email is queued. JSON-safe. */
export type BookingEmailSnapshot = {
  bookingId: string;
  name: string;
  email: string;
  company: string | null;
  phone: string | null;
  notes: string | null;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  visitorTimeZone: string;
  businessTimeZone: string;
  businessName: string;
  businessPhone: string;
  method: string;
  meetingUrl: string | null;
  amountPaidCents: number;
  refundedCents: number;
  currency: string;
  icsSequence: number;
  status: string;
  manageUrl: string | null;
};

export async function bookingEmailSnapshot(
  tx: Tx,
  bookingId: string,
  extra: { manageUrl?: string | null } = {},
): Promise<BookingEmailSnapshot> {
  const booking = await tx.booking.findUniqueOrThrow({
    where: { id: bookingId },
    include: { slot: true, payment: true },
  });
  const e = env();
  const paid = booking.payment && ["SUCCEEDED", "REFUNDED", "PARTIALLY_REFUNDED"].includes(booking.payment.status);
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
    businessTimeZone: e.BUSINESS_TIME_ZONE,
    businessName: e.BUSINESS_NAME,
    businessPhone: e.BUSINESS_PHONE,
    method: booking.method,
    meetingUrl: booking.meetingUrl,
    amountPaidCents: paid ? booking.payment!.amountCents : 0,
    refundedCents: booking.payment?.refundedCents ?? 0,
    currency: booking.payment?.currency ?? booking.slot.currency,
    icsSequence: booking.icsSequence,
    status: booking.status,
    manageUrl: extra.manageUrl ?? null,
  };
}
