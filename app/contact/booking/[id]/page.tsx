import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getPublicBooking, type PublicBooking } from "@/lib/booking/public-view";
import { isAppError } from "@/lib/errors/app-error";
import { describeRefundPolicy, parseRefundPolicy } from "@/lib/refund-policy";
import { settings } from "@/lib/settings/settings";
import { BookingStatus } from "@/components/contact/booking-status";

// A booking's own page, reached after paying (and from Stripe's return). The id is
// unguessable and the page shows only the public view: no name, email, phone or notes.

export const metadata: Metadata = { title: "Your booking", robots: { index: false, follow: false } };

export default async function BookingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  let booking: PublicBooking;
  try {
    booking = await getPublicBooking(id);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
  const e = await settings();
  return (
    <BookingStatus
      booking={booking}
      businessPhone={e.BUSINESS_PHONE}
      refundPolicy={describeRefundPolicy(parseRefundPolicy(e.REFUND_POLICY))}
      now={new Date()}
    />
  );
}
