import type { Metadata } from "next";
import { describeRefundPolicy, parseRefundPolicy } from "@/lib/refund-policy";
import { isSettledBooking } from "@/lib/status/booking-status";
import { settings } from "@/lib/settings/settings";
import { BookingStatus } from "@/components/contact/booking-status";
import { publicBookingOr404 } from "../../../contact/booking/public-booking-or-404";
import { EmbedFrame } from "@/components/embed/embed-frame";
import { embedFlowPath, PARENT_PARAM } from "@/components/embed/embed-paths";
import type { EmbedEvent } from "@/components/embed/messages";
import { verifiedParent } from "../../parent";

// A booking's page inside the embed: the same public view as /contact/booking/[id]. A confirmed
// booking tells the host page (booking:confirmed: the reference and start time, nothing personal).

export const metadata: Metadata = { title: "Your booking", robots: { index: false, follow: false } };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EmbedBookingPage({ params, searchParams }: Props) {
  const { id } = await params;
  const booking = await publicBookingOr404(id);
  const parent = await verifiedParent((await searchParams)[PARENT_PARAM]);
  const s = await settings();
  const event: EmbedEvent | undefined = isSettledBooking(booking.status)
    ? { type: "booking:confirmed", detail: { reference: booking.id, startsAt: booking.startsAt } }
    : undefined;
  return (
    <EmbedFrame parent={parent} event={event}>
      <div className="p-1">
        <BookingStatus
          booking={booking}
          businessPhone={s.BUSINESS_PHONE}
          refundPolicy={describeRefundPolicy(parseRefundPolicy(s.REFUND_POLICY))}
          now={new Date()}
          bookingHref={embedFlowPath(parent)}
          meetingInNewTab
        />
      </div>
    </EmbedFrame>
  );
}
