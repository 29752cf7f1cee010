import "server-only";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import { previewCancellationFee, previewCancellationRefund, type FeeOutcome } from "@/lib/payments/cancel-and-refund";
import { isCancellableBooking } from "@/lib/status/booking-status";
import { refundedOutsideApp } from "@/lib/payments/external-refunds";

const detailInclude = {
  slot: true,
  payment: { include: { refunds: { orderBy: { createdAt: "asc" } } } },
  emails: {
    orderBy: { createdAt: "asc" },
    select: { id: true, kind: true, toAddress: true, status: true, attempts: true, sentAt: true, createdAt: true, lastError: true },
  },
  auditEntries: { orderBy: { createdAt: "desc" } },
} satisfies Prisma.BookingInclude;

export type BookingDetail = Prisma.BookingGetPayload<{ include: typeof detailInclude }> & {
  /** What cancelling now would refund, by policy and in full. */
  cancelPreview: { policyCents: number; fullCents: number };
  /** What cancelling now by the policy does to the fee (an authorisation is released, not refunded). */
  cancelFeeOutcome: FeeOutcome;
  /** Still confirmed although money was refunded outside the app (e.g. the Stripe dashboard). */
  refundedOutsideApp: boolean;
};

export async function getBookingDetail(bookingId: string): Promise<BookingDetail | null> {
  const db = await getDb();
  const booking = await db.booking.findUnique({ where: { id: bookingId }, include: detailInclude });
  if (!booking) return null;
  const cancelPreview = isCancellableBooking(booking.status)
    ? {
        policyCents: await previewCancellationRefund(bookingId, "policy"),
        fullCents: await previewCancellationRefund(bookingId, "full"),
      }
    : { policyCents: 0, fullCents: 0 };
  const cancelFeeOutcome = isCancellableBooking(booking.status) ? (await previewCancellationFee(bookingId, "policy")).feeOutcome : "none";
  return { ...booking, cancelPreview, cancelFeeOutcome, refundedOutsideApp: refundedOutsideApp(booking, booking.payment?.refunds ?? []) };
}
