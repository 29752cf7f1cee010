import { Heading, Text } from "@react-email/components";
import { ActionButton } from "./_components/action-button";
import { BookingDetails } from "./_components/booking-details";
import { EmailLayout } from "./_components/layout";
import { previewManageUrl, previewSummary } from "./_components/preview-data";
import { styles } from "./_components/styles";
import type { BookingSummary } from "./_components/types";

export type ManageLinkReissuedProps = BookingSummary & { manageUrl: string | null };

export function manageLinkReissuedSubject(props: ManageLinkReissuedProps): string {
  return `Your new link to manage your consultation on ${props.shortWhen}`;
}

export default function ManageLinkReissuedEmail(props: ManageLinkReissuedProps) {
  return (
    <EmailLayout preview="Your earlier link no longer works; use this one." businessName={props.businessName}>
      <Heading style={styles.heading}>Your new booking link</Heading>
      <Text style={styles.text}>
        Hi {props.recipientName}, {props.businessName} has replaced the link to manage your booking. The link in earlier emails no longer
        works: use the button below to reschedule or cancel. Your booking itself is unchanged.
      </Text>
      <BookingDetails summary={props} />
      <ActionButton href={props.manageUrl}>Manage booking</ActionButton>
    </EmailLayout>
  );
}

ManageLinkReissuedEmail.PreviewProps = { ...previewSummary, manageUrl: previewManageUrl } satisfies ManageLinkReissuedProps;
