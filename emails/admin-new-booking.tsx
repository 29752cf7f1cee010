import { Heading, Text } from "@react-email/components";
import { ActionButton } from "./_components/action-button";
import { BookingDetails, Field } from "./_components/booking-details";
import { EmailLayout } from "./_components/layout";
import { previewAdminSummary } from "./_components/preview-data";
import { styles } from "./_components/styles";
import type { BookingSummary } from "./_components/types";
import { previewVisitor, VisitorFields, type VisitorDetails } from "./_components/visitor-fields";

export type AdminNewBookingProps = BookingSummary & { visitor: VisitorDetails; amountPaid: string | null; adminUrl: string };

export function adminNewBookingSubject(props: AdminNewBookingProps): string {
  return `New booking: ${props.visitor.name}, ${props.shortWhen}`;
}

export default function AdminNewBookingEmail(props: AdminNewBookingProps) {
  return (
    <EmailLayout
      preview={`${props.visitor.name} booked ${props.shortWhen}.`}
      businessName={props.businessName}
      footer={<Text style={styles.muted}>Sent to the admin notification address. Replying writes to the visitor.</Text>}
    >
      <Heading style={styles.heading}>New booking</Heading>
      <BookingDetails summary={props}>
        <Field label="Fee">{props.amountPaid ? `${props.amountPaid} paid` : "Free"}</Field>
        <VisitorFields visitor={props.visitor} />
      </BookingDetails>
      <ActionButton href={props.adminUrl}>Open in admin</ActionButton>
    </EmailLayout>
  );
}

AdminNewBookingEmail.PreviewProps = {
  ...previewAdminSummary,
  visitor: previewVisitor,
  amountPaid: "$10",
  adminUrl: "https://booking.example.com/admin/bookings/bk_preview0000000000000000000",
} satisfies AdminNewBookingProps;
