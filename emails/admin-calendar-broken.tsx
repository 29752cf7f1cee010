import { Heading, Text } from "@react-email/components";
import { ActionButton } from "./_components/action-button";
import { EmailLayout } from "./_components/layout";
import { styles } from "./_components/styles";

export type AdminCalendarBrokenProps = {
  businessName: string;
  connectionLabel: string;
  reason: string;
  since: string;
  /** What visitors see meanwhile (the stale-cache policy, in words). */
  visitorEffect: string;
  adminUrl: string;
};

export function adminCalendarBrokenSubject(props: AdminCalendarBrokenProps): string {
  return `Calendar connection broken: ${props.connectionLabel}`;
}

export default function AdminCalendarBrokenEmail(props: AdminCalendarBrokenProps) {
  return (
    <EmailLayout
      preview={`${props.connectionLabel} stopped syncing: ${props.reason}`}
      businessName={props.businessName}
      footer={<Text style={styles.muted}>Sent to the admin notification address, once per outage of this connection.</Text>}
    >
      <Heading style={styles.heading}>A calendar connection is broken</Heading>
      <Text style={styles.text}>
        <strong>{props.connectionLabel}</strong> has not synced since {props.since}: {props.reason}
      </Text>
      <Text style={styles.text}>{props.visitorEffect}</Text>
      <Text style={styles.text}>Reconnect it or update its password on the calendars page.</Text>
      <ActionButton href={props.adminUrl}>Open calendars</ActionButton>
    </EmailLayout>
  );
}

AdminCalendarBrokenEmail.PreviewProps = {
  businessName: "Northwind Consulting",
  connectionLabel: "Work calendar (CalDAV)",
  reason: "The CalDAV server refused the username or app password (401).",
  since: "Wed, Jan 13, 2027, 10:00 AM EST",
  visitorEffect:
    "Slots are offered from the last good copy of your busy times for up to 2 hours; after that the affected times are hidden.",
  adminUrl: "https://booking.example.com/admin/calendars",
} satisfies AdminCalendarBrokenProps;
