import "server-only";
import { addMinutes } from "date-fns";
import { getDb } from "@/lib/db";
import { settings } from "@/lib/settings/settings";
import { AppError } from "@/lib/errors/app-error";
import { bookingIdSchema } from "./schemas";
import type { MeetingMethodName } from "@/lib/meeting-methods";
import { isSettledBooking } from "@/lib/status/booking-status";

/** What anyone holding a booking id may see: no name, email, phone or notes. */
export type PublicBooking = {
  id: string;
  status: string;
  holdExpiresAt: string | null;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  method: MeetingMethodName;
  meetingUrl: string | null;
  visitorTimeZone: string;
  businessTimeZone: string;
  amountCents: number;
  currency: string;
  paymentStatus: string | null;
  refundedCents: number;
  /** When the fee is or was taken (authorise then capture, ADR 120/130); ISO instants. */
  feeTiming: { captureAt: string | null; capturedAt: string | null; succeededAt: string | null; releasedAt: string | null };
  /** Whether the visitor gave a phone number (never the number: this view is public). */
  gavePhone: boolean;
};

export async function getPublicBooking(id: string): Promise<PublicBooking> {
  if (!bookingIdSchema.safeParse(id).success) throw new AppError("not_found", "Booking not found.");
  const db = await getDb();
  const booking = await db.booking.findUnique({ where: { id }, include: { slot: true, payment: true } });
  if (!booking) throw new AppError("not_found", "Booking not found.");
  const live = isSettledBooking(booking.status);
  return {
    id: booking.id,
    status: booking.status,
    holdExpiresAt: booking.status === "PENDING_PAYMENT" ? (booking.holdExpiresAt?.toISOString() ?? null) : null,
    startsAt: booking.slot.startsAt.toISOString(),
    endsAt: addMinutes(booking.slot.startsAt, booking.slot.durationMinutes).toISOString(),
    durationMinutes: booking.slot.durationMinutes,
    method: booking.method,
    meetingUrl: live ? booking.meetingUrl : null,
    visitorTimeZone: booking.timeZone,
    businessTimeZone: (await settings(db)).BUSINESS_TIME_ZONE,
    amountCents: booking.payment?.amountCents ?? booking.slot.priceCents,
    currency: booking.payment?.currency ?? booking.slot.currency,
    paymentStatus: booking.payment?.status ?? null,
    refundedCents: booking.payment?.refundedCents ?? 0,
    feeTiming: {
      captureAt: booking.payment?.captureAt?.toISOString() ?? null,
      capturedAt: booking.payment?.capturedAt?.toISOString() ?? null,
      succeededAt: booking.payment?.succeededAt?.toISOString() ?? null,
      releasedAt: booking.payment?.releasedAt?.toISOString() ?? null,
    },
    gavePhone: !!booking.phone,
  };
}
