import type { Metadata } from "next";
import { describeRefundPolicy, parseRefundPolicy } from "@/lib/refund-policy";
import { settings } from "@/lib/settings/settings";
import { BookingStatus } from "@/components/contact/booking-status";
import { publicBookingOr404 } from "../public-booking-or-404";

// A booking's own page, reached after paying (and from Stripe's return). The id is
// unguessable and the page shows only the public view: no name, email, phone or notes.

export const metadata: Metadata = { title: "Your booking", robots: { index: false, follow: false } };

export default async function BookingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const booking = await publicBookingOr404(id);
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
