import { Heading, Text } from "@react-email/components";
import { BookingDetails } from "./_components/booking-details";
import { EmailLayout } from "./_components/layout";
import { previewSummary } from "./_components/preview-data";
import { styles } from "./_components/styles";
import type { BookingSummary } from "./_components/types";

export type PaymentRefundedProps = BookingSummary & { refundAmount: string; amountPaid: string | null };

export function paymentRefundedSubject(props: PaymentRefundedProps): string {
  return `Refund of ${props.refundAmount} on its way`;
}

export default function PaymentRefundedEmail(props: PaymentRefundedProps) {
  return (
    <EmailLayout preview={`We refunded ${props.refundAmount}.`} businessName={props.businessName}>
      <Heading style={styles.heading}>Your refund is on its way</Heading>
      <Text style={styles.text}>
        Hi {props.recipientName}, we have refunded <strong>{props.refundAmount}</strong>
        {props.amountPaid ? ` of the ${props.amountPaid} you paid` : ""} to your original payment method. It usually shows within 5–10
        business days.
      </Text>
      <BookingDetails summary={props} />
    </EmailLayout>
  );
}

PaymentRefundedEmail.PreviewProps = { ...previewSummary, refundAmount: "$10", amountPaid: "$10" } satisfies PaymentRefundedProps;
