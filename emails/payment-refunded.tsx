import { Heading, Text } from "@react-email/components";
import { BookingDetails } from "./_components/booking-details";
import { EmailLayout } from "./_components/layout";
import { refundTiming } from "./_components/refund-timing";
import { previewSummary } from "./_components/preview-data";
import { styles } from "./_components/styles";
import type { BookingSummary } from "./_components/types";

export type PaymentRefundedProps = BookingSummary & { refundAmount: string; amountPaid: string | null; demoPayment: boolean };

export function paymentRefundedSubject(props: PaymentRefundedProps): string {
  return props.demoPayment
    ? `Refund of ${props.refundAmount} recorded (demo, no card charged)`
    : `Refund of ${props.refundAmount} on its way`;
}

export default function PaymentRefundedEmail(props: PaymentRefundedProps) {
  return (
    <EmailLayout preview={`We refunded ${props.refundAmount}.`} businessName={props.businessName}>
      <Heading style={styles.heading}>{props.demoPayment ? "Your refund is recorded" : "Your refund is on its way"}</Heading>
      <Text style={styles.text}>
        Hi {props.recipientName}, we have refunded <strong>{props.refundAmount}</strong>
        {props.amountPaid ? ` of the ${props.amountPaid} you paid` : ""}. {refundTiming(props.demoPayment)}
      </Text>
      <BookingDetails summary={props} />
    </EmailLayout>
  );
}

PaymentRefundedEmail.PreviewProps = {
  ...previewSummary,
  refundAmount: "$10",
  amountPaid: "$10",
  demoPayment: false,
} satisfies PaymentRefundedProps;
