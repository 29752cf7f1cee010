import { Heading, Text } from "@react-email/components";
import { ActionButton } from "./_components/action-button";
import { BookingDetails, Field } from "./_components/booking-details";
import { EmailLayout } from "./_components/layout";
import { previewAdminSummary } from "./_components/preview-data";
import { styles } from "./_components/styles";
import type { BookingSummary } from "./_components/types";
import { previewVisitor, VisitorFields, type VisitorDetails } from "./_components/visitor-fields";

export type AdminBookingCancelledProps = BookingSummary & {
  visitor: VisitorDetails;
  refundAmount: string | null;
  reason: string | null;
  adminUrl: string;
};

export function adminBookingCancelledSubject(props: AdminBookingCancelledProps): string {
  return `Booking cancelled: ${props.visitor.name}, ${props.shortWhen}`;
}

export default function AdminBookingCancelledEmail(props: AdminBookingCancelledProps) {
  return (
    <EmailLayout
      preview={`${props.visitor.name} cancelled ${props.shortWhen}.`}
      businessName={props.businessName}
      footer={<Text style={styles.muted}>Sent to the admin notification address. The time is free again.</Text>}
    >
      <Heading style={styles.heading}>Booking cancelled</Heading>
      <BookingDetails summary={props} cancelled>
        <Field label="Refund">{props.refundAmount ?? "None"}</Field>
        {props.reason ? <Field label="Reason">{props.reason}</Field> : null}
        <VisitorFields visitor={props.visitor} />
      </BookingDetails>
      <ActionButton href={props.adminUrl}>Open in admin</ActionButton>
    </EmailLayout>
  );
}

AdminBookingCancelledEmail.PreviewProps = {
  ...previewAdminSummary,
  visitor: previewVisitor,
  refundAmount: "$10",
  reason: "Something came up at work.",
  adminUrl: "https://booking.example.com/admin/bookings/bk_preview0000000000000000000",
} satisfies AdminBookingCancelledProps;
