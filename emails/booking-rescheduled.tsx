import { Heading, Text } from "@react-email/components";
import { ActionButton } from "./_components/action-button";
import { BookingDetails, Field } from "./_components/booking-details";
import { EmailLayout } from "./_components/layout";
import { previewManageUrl, previewSummary } from "./_components/preview-data";
import { styles } from "./_components/styles";
import type { BookingSummary } from "./_components/types";

export type BookingRescheduledProps = BookingSummary & {
  /** The old time in the visitor's zone, when known. */
  previousWhen: string | null;
  manageUrl: string | null;
};

export function bookingRescheduledSubject(props: BookingRescheduledProps): string {
  return `Rescheduled: your consultation is now on ${props.shortWhen}`;
}

export default function BookingRescheduledEmail(props: BookingRescheduledProps) {
  return (
    <EmailLayout preview={`New time: ${props.shortWhen}.`} businessName={props.businessName}>
      <Heading style={styles.heading}>Your consultation has a new time</Heading>
      <Text style={styles.text}>Hi {props.recipientName}, your consultation has been moved. The new details are below.</Text>
      <BookingDetails summary={props}>{props.previousWhen ? <Field label="Previously">{props.previousWhen}</Field> : null}</BookingDetails>
      <Text style={styles.muted}>An updated calendar invitation is attached; it replaces the earlier one.</Text>
      <ActionButton href={props.manageUrl}>Manage booking</ActionButton>
    </EmailLayout>
  );
}

BookingRescheduledEmail.PreviewProps = {
  ...previewSummary,
  previousWhen: "Monday, March 9, 2026, 3:00 PM – 4:00 PM GMT",
  manageUrl: previewManageUrl,
} satisfies BookingRescheduledProps;
