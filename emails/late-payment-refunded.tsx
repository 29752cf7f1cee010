import { Heading, Text } from "@react-email/components";
import { EmailLayout } from "./_components/layout";
import { refundTiming } from "./_components/refund-timing";
import { previewBookUrl, previewSummary } from "./_components/preview-data";
import { styles } from "./_components/styles";
import { TakenTime } from "./_components/taken-time";
import type { BookingSummary } from "./_components/types";

export type LatePaymentRefundedProps = BookingSummary & { refundAmount: string; demoPayment: boolean; bookUrl: string };

export function latePaymentRefundedSubject(props: LatePaymentRefundedProps): string {
  return `That time was taken: your payment of ${props.refundAmount} is refunded`;
}

export default function LatePaymentRefundedEmail(props: LatePaymentRefundedProps) {
  return (
    <EmailLayout
      preview={`Your payment arrived after the time was taken. We refunded ${props.refundAmount}.`}
      businessName={props.businessName}
    >
      <Heading style={styles.heading}>Sorry, that time was taken</Heading>
      <Text style={styles.text}>
        Hi {props.recipientName}, your payment arrived after your hold had lapsed and someone else booked the same time, so we could not
        confirm this booking. We have refunded the full <strong>{props.refundAmount}</strong>. {refundTiming(props.demoPayment)}
      </Text>
      <TakenTime when={props.when} reference={props.reference} bookUrl={props.bookUrl} />
    </EmailLayout>
  );
}

LatePaymentRefundedEmail.PreviewProps = {
  ...previewSummary,
  refundAmount: "$10",
  demoPayment: false,
  bookUrl: previewBookUrl,
} satisfies LatePaymentRefundedProps;
