import { Heading, Text } from "@react-email/components";
import { ActionButton } from "./_components/action-button";
import { BookingDetails } from "./_components/booking-details";
import { EmailLayout } from "./_components/layout";
import { previewBookUrl, previewSummary } from "./_components/preview-data";
import { styles } from "./_components/styles";
import type { BookingSummary } from "./_components/types";

export type BookingCancelledProps = BookingSummary & {
  amountPaid: string | null;
  /** What is being refunded, or null when nothing is. */
  refundAmount: string | null;
  bookUrl: string;
};

export function bookingCancelledSubject(props: BookingCancelledProps): string {
  return `Cancelled: your consultation on ${props.shortWhen}`;
}

function RefundLine({ amountPaid, refundAmount }: Pick<BookingCancelledProps, "amountPaid" | "refundAmount">) {
  if (refundAmount) {
    return (
      <Text style={styles.text}>
        A refund of <strong>{refundAmount}</strong> is on its way to your original payment method. It usually shows within 5–10 business
        days.
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
      <RefundLine amountPaid={props.amountPaid} refundAmount={props.refundAmount} />
      <BookingDetails summary={props} />
      <Text style={styles.muted}>The calendar entry is cancelled too. You are welcome to book another time.</Text>
      <ActionButton href={props.bookUrl}>Book another time</ActionButton>
    </EmailLayout>
  );
}

BookingCancelledEmail.PreviewProps = {
  ...previewSummary,
  amountPaid: "$10",
  refundAmount: "$10",
  bookUrl: previewBookUrl,
} satisfies BookingCancelledProps;
