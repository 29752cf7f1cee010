import { Heading, Text } from "@react-email/components";
import { EmailLayout } from "./_components/layout";
import { previewBookUrl, previewSummary } from "./_components/preview-data";
import { styles } from "./_components/styles";
import { TakenTime } from "./_components/taken-time";
import type { BookingSummary } from "./_components/types";

export type LatePaymentReleasedProps = BookingSummary & { amount: string; demoPayment: boolean; bookUrl: string };

export function latePaymentReleasedSubject(props: LatePaymentReleasedProps): string {
  return `That time was taken: your card was not charged ${props.amount}`;
}

export default function LatePaymentReleasedEmail(props: LatePaymentReleasedProps) {
  return (
    <EmailLayout
      preview={`Your card authorisation arrived after the time was taken. We released it: nothing was charged.`}
      businessName={props.businessName}
    >
      <Heading style={styles.heading}>Sorry, that time was taken</Heading>
      <Text style={styles.text}>
        Hi {props.recipientName}, your card was authorised after your hold had lapsed and someone else booked the same time, so we could not
        confirm this booking. We have released the authorisation of <strong>{props.amount}</strong>: nothing was charged.{" "}
        {props.demoPayment
          ? "This was a demo payment: no card was involved."
          : "Your bank may show the held amount for a few days until it disappears; it is never taken."}
      </Text>
      <TakenTime when={props.when} reference={props.reference} bookUrl={props.bookUrl} />
    </EmailLayout>
  );
}

LatePaymentReleasedEmail.PreviewProps = {
  ...previewSummary,
  amount: "$10",
  demoPayment: false,
  bookUrl: previewBookUrl,
} satisfies LatePaymentReleasedProps;
