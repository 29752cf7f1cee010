import { Heading, Text } from "@react-email/components";
import { BookingDetails, Field } from "./_components/booking-details";
import { EmailLayout } from "./_components/layout";
import { previewSummary } from "./_components/preview-data";
import { styles } from "./_components/styles";
import type { BookingSummary } from "./_components/types";

export type FeeReceiptProps = BookingSummary & {
  receiptNumber: string;
  amount: string;
  /** The day the card was charged, in the visitor's zone. */
  chargedOn: string;
  businessPhone: string;
  businessEmail: string;
  demoPayment: boolean;
};

export function feeReceiptSubject(props: FeeReceiptProps): string {
  return `Receipt ${props.receiptNumber}: ${props.amount} booking fee${props.demoPayment ? " (demo, no card charged)" : ""}`;
}

export default function FeeReceiptEmail(props: FeeReceiptProps) {
  return (
    <EmailLayout preview={`Your receipt for the ${props.amount} booking fee.`} businessName={props.businessName}>
      <Heading style={styles.heading}>Your receipt</Heading>
      <Text style={styles.text}>
        Hi {props.recipientName}, {props.demoPayment ? "we recorded" : "we charged"} the booking fee of <strong>{props.amount}</strong> for
        your consultation{props.demoPayment ? ". This was a demo payment: no card was charged." : " to your card."}
      </Text>
      <BookingDetails summary={props}>
        <Field label="Receipt number">{props.receiptNumber}</Field>
        <Field label="Amount charged">{props.amount}</Field>
        <Field label="Date charged">{props.chargedOn}</Field>
        <Field label="Charged by">
          {props.businessName}, {props.businessEmail}, {props.businessPhone}
        </Field>
      </BookingDetails>
      <Text style={styles.muted}>Keep this email for your records. Questions about this charge: write to {props.businessEmail}.</Text>
    </EmailLayout>
  );
}

FeeReceiptEmail.PreviewProps = {
  ...previewSummary,
  receiptNumber: "R-3F2A9C1D7B",
  amount: "$10",
  chargedOn: "Monday, March 9, 2026",
  businessPhone: "+1 555 010 0199",
  businessEmail: "bookings@example.com",
  demoPayment: false,
} satisfies FeeReceiptProps;
