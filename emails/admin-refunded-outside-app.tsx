import { Heading, Text } from "@react-email/components";
import { ActionButton } from "./_components/action-button";
import { BookingDetails, Field } from "./_components/booking-details";
import { EmailLayout } from "./_components/layout";
import { previewAdminSummary } from "./_components/preview-data";
import { styles } from "./_components/styles";
import type { BookingSummary } from "./_components/types";
import { previewVisitor, VisitorFields, type VisitorDetails } from "./_components/visitor-fields";

export type AdminRefundedOutsideAppProps = BookingSummary & {
  visitor: VisitorDetails;
  refundAmount: string;
  amountPaid: string | null;
  adminUrl: string;
};

export function adminRefundedOutsideAppSubject(props: AdminRefundedOutsideAppProps): string {
  return `Refunded outside the app: ${props.visitor.name}, ${props.shortWhen}`;
}

export default function AdminRefundedOutsideAppEmail(props: AdminRefundedOutsideAppProps) {
  return (
    <EmailLayout
      preview={`${props.refundAmount} was refunded outside the app for ${props.visitor.name}.`}
      businessName={props.businessName}
      footer={<Text style={styles.muted}>Sent to the admin notification address, once per refund.</Text>}
    >
      <Heading style={styles.heading}>Refunded outside the app</Heading>
      <Text style={styles.text}>
        A refund of <strong>{props.refundAmount}</strong> was made outside the app (for example in the Stripe dashboard). The booking was
        not changed: if the meeting should not go ahead, cancel it in admin.
      </Text>
      <BookingDetails summary={props}>
        <Field label="Refund">{props.refundAmount}</Field>
        <Field label="Paid">{props.amountPaid ?? "Nothing"}</Field>
        <VisitorFields visitor={props.visitor} />
      </BookingDetails>
      <ActionButton href={props.adminUrl}>Open in admin</ActionButton>
    </EmailLayout>
  );
}

AdminRefundedOutsideAppEmail.PreviewProps = {
  ...previewAdminSummary,
  visitor: previewVisitor,
  refundAmount: "$10",
  amountPaid: "$10",
  adminUrl: "https://booking.example.com/admin/bookings/bk_preview0000000000000000000",
} satisfies AdminRefundedOutsideAppProps;
