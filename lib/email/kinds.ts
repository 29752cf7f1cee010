// Every email the system sends. The outbox dedupe key is built from the kind, so the same
// email for the same booking (and iCalendar sequence) can be queued only once.
export const EMAIL_KINDS = [
  "booking_confirmed",
  "booking_rescheduled",
  "booking_reminder",
  "booking_cancelled",
  "payment_refunded",
  "late_payment_refunded",
  "late_payment_released",
  "admin_new_booking",
  "admin_booking_cancelled",
  "manage_link_reissued",
  "admin_refunded_outside_app",
  "admin_calendar_broken",
  "fee_receipt",
  "admin_fee_lost",
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export function dedupeKey(kind: EmailKind, bookingId: string, discriminator?: string | number): string {
  return discriminator === undefined ? `${kind}:${bookingId}` : `${kind}:${bookingId}:${discriminator}`;
}
