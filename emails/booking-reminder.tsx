import { Heading, Text } from "@react-email/components";
import { ActionButton } from "./_components/action-button";
import { BookingDetails } from "./_components/booking-details";
import { EmailLayout } from "./_components/layout";
import { previewManageUrl, previewSummary } from "./_components/preview-data";
import { styles } from "./_components/styles";
import type { BookingSummary } from "./_components/types";

export type BookingReminderProps = BookingSummary & { manageUrl: string | null };

export function bookingReminderSubject(props: BookingReminderProps): string {
  return `Reminder: your consultation on ${props.shortWhen}`;
}

export default function BookingReminderEmail(props: BookingReminderProps) {
  return (
    <EmailLayout preview={`See you on ${props.shortWhen}.`} businessName={props.businessName}>
      <Heading style={styles.heading}>Your consultation is coming up</Heading>
      <Text style={styles.text}>
        Hi {props.recipientName}, a quick reminder of your consultation with {props.businessName}.
      </Text>
      <BookingDetails summary={props} />
      <ActionButton href={props.manageUrl}>Manage booking</ActionButton>
    </EmailLayout>
  );
}

BookingReminderEmail.PreviewProps = { ...previewSummary, manageUrl: previewManageUrl } satisfies BookingReminderProps;
