import { Heading, Text } from "@react-email/components";
import { ActionButton } from "./_components/action-button";
import { BookingDetails, Field } from "./_components/booking-details";
import { EmailLayout } from "./_components/layout";
import { refundTiming } from "./_components/refund-timing";
import { previewBookUrl, previewSummary } from "./_components/preview-data";
import { styles } from "./_components/styles";
import type { BookingSummary } from "./_components/types";

export type BookingCancelledProps = BookingSummary & {
  amountPaid: string | null;
  /** What is being refunded, or null when nothing is. */
  refundAmount: string | null;
  /** No card was charged, so the refund line must not mention one. */
  demoPayment: boolean;
  /** An authorised fee: released (nothing charged) or kept (charged now under the policy). */
  authorization?: { outcome: "released" | "kept"; amount: string } | null;
  /** The business's reason, shown to the visitor when one was given. */
  reason: string | null;
  bookUrl: string;
};

export function bookingCancelledSubject(props: BookingCancelledProps): string {
  return `Cancelled: your consultation on ${props.shortWhen}`;
}

function RefundLine({
  amountPaid,
  refundAmount,
  demoPayment,
  authorization,
}: Pick<BookingCancelledProps, "amountPaid" | "refundAmount" | "demoPayment" | "authorization">) {
  if (authorization?.outcome === "released") {
    return (
      <Text style={styles.text}>
        The {authorization.amount} authorisation on your card is released: <strong>nothing was charged</strong>.
      </Text>
    );
  }
  if (authorization?.outcome === "kept") {
    return (
      <Text style={styles.text}>
        Under our cancellation policy, the booking fee of {authorization.amount} is{" "}
        {demoPayment ? "kept (a demo payment: no card was charged)" : "charged to your card"}. A receipt follows by email.
      </Text>
    );
  }
  if (refundAmount) {
    return (
      <Text style={styles.text}>
        We have refunded <strong>{refundAmount}</strong>. {refundTiming(demoPayment)}
      </Text>
    );
  }
  if (amountPaid) return <Text style={styles.text}>Under our cancellation policy, the booking fee of {amountPaid} is not refunded.</Text>;
  return null;
}

export default function BookingCancelledEmail(props: BookingCancelledProps) {
  return (
    <EmailLayout preview={`Your consultation on ${props.shortWhen} is cancelled.`} businessName={props.businessName}>
      <Heading style={styles.heading}>Your consultation is cancelled</Heading>
      <Text style={styles.text}>Hi {props.recipientName}, this booking has been cancelled and the time is no longer reserved.</Text>
      <RefundLine
        amountPaid={props.amountPaid}
        refundAmount={props.refundAmount}
        demoPayment={props.demoPayment}
        authorization={props.authorization}
      />
      <BookingDetails summary={props} cancelled>
        {props.reason ? <Field label="Reason">{props.reason}</Field> : null}
      </BookingDetails>
      <Text style={styles.muted}>The calendar entry is cancelled too. You are welcome to book another time.</Text>
      <ActionButton href={props.bookUrl}>Book another time</ActionButton>
    </EmailLayout>
  );
}

BookingCancelledEmail.PreviewProps = {
  ...previewSummary,
  amountPaid: "$10",
  refundAmount: "$10",
  demoPayment: false,
  reason: "Our consultant is unwell that day. Please pick another time; we are sorry for the trouble.",
  bookUrl: previewBookUrl,
} satisfies BookingCancelledProps;
