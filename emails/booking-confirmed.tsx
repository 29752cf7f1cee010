import { Heading, Text } from "@react-email/components";
import { ActionButton } from "./_components/action-button";
import { BookingDetails, Field } from "./_components/booking-details";
import { EmailLayout } from "./_components/layout";
import { previewManageUrl, previewSummary } from "./_components/preview-data";
import { styles } from "./_components/styles";
import type { BookingSummary } from "./_components/types";

export type BookingConfirmedProps = BookingSummary & {
  /** "$10", or null for a free consultation. */
  amountPaid: string | null;
  /** A fee authorised, not charged yet: when it will be charged. Null otherwise. */
  authorizedNote?: string | null;
  refundPolicy: string;
  manageUrl: string | null;
};

export function bookingConfirmedSubject(props: BookingConfirmedProps): string {
  return `Confirmed: your consultation on ${props.shortWhen}`;
}

export default function BookingConfirmedEmail(props: BookingConfirmedProps) {
  return (
    <EmailLayout
      preview={`Your consultation with ${props.businessName} is booked for ${props.shortWhen}.`}
      businessName={props.businessName}
    >
      <Heading style={styles.heading}>Your consultation is confirmed</Heading>
      <Text style={styles.text}>Hi {props.recipientName}, thank you for booking. Here are the details.</Text>
      <BookingDetails summary={props}>
        <Field label="Fee">{props.amountPaid ? `${props.amountPaid} paid` : (props.authorizedNote ?? "Free of charge")}</Field>
      </BookingDetails>
      {props.amountPaid || props.authorizedNote ? <Text style={styles.muted}>{props.refundPolicy}</Text> : null}
      <Text style={styles.muted}>A calendar invitation is attached.</Text>
      <ActionButton href={props.manageUrl}>Manage booking</ActionButton>
    </EmailLayout>
  );
}

BookingConfirmedEmail.PreviewProps = {
  ...previewSummary,
  amountPaid: "$10",
  refundPolicy: "The booking fee is refunded in full if you cancel more than 24 hours before the meeting.",
  manageUrl: previewManageUrl,
} satisfies BookingConfirmedProps;
