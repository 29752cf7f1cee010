import { Heading, Text } from "@react-email/components";
import { ActionButton } from "./_components/action-button";
import { BookingDetails, Field } from "./_components/booking-details";
import { EmailLayout } from "./_components/layout";
import { previewAdminSummary } from "./_components/preview-data";
import { styles } from "./_components/styles";
import type { BookingSummary } from "./_components/types";
import { previewVisitor, VisitorFields, type VisitorDetails } from "./_components/visitor-fields";

export type AdminFeeLostProps = BookingSummary & {
  visitor: VisitorDetails;
  fee: string;
  reason: string;
  adminUrl: string;
};

export function adminFeeLostSubject(props: AdminFeeLostProps): string {
  return `Booking fee not collected: ${props.visitor.name}, ${props.shortWhen}`;
}

export default function AdminFeeLostEmail(props: AdminFeeLostProps) {
  return (
    <EmailLayout
      preview={`The ${props.fee} fee for ${props.visitor.name} could not be charged.`}
      businessName={props.businessName}
      footer={<Text style={styles.muted}>Sent to the admin notification address, once per booking fee.</Text>}
    >
      <Heading style={styles.heading}>Booking fee not collected</Heading>
      <Text style={styles.text}>
        The card authorisation for this booking could not be charged, so the <strong>{props.fee}</strong> fee was not collected. The booking
        is still confirmed.
      </Text>
      <Text style={styles.text}>
        What to do: ask the visitor to pay the fee another way (for example by bank transfer), or cancel the booking in admin if the meeting
        should not go ahead without it.
      </Text>
      <BookingDetails summary={props}>
        <Field label="Fee">{props.fee}</Field>
        <Field label="Why">{props.reason}</Field>
        <VisitorFields visitor={props.visitor} />
      </BookingDetails>
      <ActionButton href={props.adminUrl}>Open in admin</ActionButton>
    </EmailLayout>
  );
}

AdminFeeLostEmail.PreviewProps = {
  ...previewAdminSummary,
  visitor: previewVisitor,
  fee: "$10",
  reason: "The card was declined when the fee was captured.",
  adminUrl: "https://booking.example.com/admin/bookings/bk_preview0000000000000000000",
} satisfies AdminFeeLostProps;
