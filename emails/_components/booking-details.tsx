import type { ReactNode } from "react";
import { Link, Section, Text } from "@react-email/components";
import type { BookingSummary, MeetingDetails } from "./types";
import { styles } from "./styles";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Text style={styles.label}>{label}</Text>
      <Text style={styles.value}>{children}</Text>
    </>
  );
}

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, "")}`;
}

function MeetingField({ meeting }: { meeting: MeetingDetails }) {
  if (meeting.joinUrl) {
    return (
      <Field label={`Join on ${meeting.methodLabel}`}>
        <Link href={meeting.joinUrl} style={styles.link}>
          {meeting.joinUrl}
        </Link>
      </Field>
    );
  }
  if (meeting.businessPhone) {
    return (
      <Field label={meeting.methodLabel}>
        {meeting.callLead}
        <Link href={telHref(meeting.businessPhone)} style={styles.link}>
          {meeting.businessPhone}
        </Link>
        .
      </Field>
    );
  }
  return <Field label={meeting.methodLabel}>We will send you the meeting link before the call.</Field>;
}

/**
 * When (in both zones), how long, how to join, and the reference. A cancelled booking names
 * its method only: a join link or a number to call would invite people to a meeting that is off.
 */
export function BookingDetails({ summary, cancelled, children }: { summary: BookingSummary; cancelled?: boolean; children?: ReactNode }) {
  return (
    <Section style={styles.details}>
      {summary.when.map((line) => (
        <Field key={line.label} label={line.label}>
          {line.value}
        </Field>
      ))}
      <Field label="Duration">{summary.durationMinutes} minutes</Field>
      {cancelled ? <Field label="Meeting">{summary.meeting.methodLabel}</Field> : <MeetingField meeting={summary.meeting} />}
      {children}
      <Field label="Reference">{summary.reference}</Field>
    </Section>
  );
}

export { Field };
