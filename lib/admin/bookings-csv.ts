import "server-only";
import { formatDecimalAmount } from "@/lib/format";
import { formatInZone } from "@/lib/time-zones";
import { METHOD_INFO } from "@/lib/meeting-methods";
import { csvPhone, toCsv } from "./csv";
import { isPaid } from "@/lib/status/payment-status";
import { BOOKING_STATUS_LABELS, OUTCOME_LABELS, PAYMENT_STATUS_LABELS } from "./labels";
import type { BookingListRow } from "./bookings-query";

const HEADER = [
  "Booking ID",
  "Status",
  "Starts (business time)",
  "Duration (min)",
  "Method",
  "Name",
  "Email",
  "Company",
  "Phone",
  "Paid",
  "Payment status",
  "Amount",
  "Refunded",
  "Currency",
  "Project outcome",
  "Notes",
  "Created (UTC)",
];

const cents = (value: number | null | undefined) => (value === null || value === undefined ? "" : formatDecimalAmount(value));

export function bookingsCsv(rows: BookingListRow[], timeZone: string): string {
  return toCsv(
    HEADER,
    rows.map((b) => [
      b.id,
      BOOKING_STATUS_LABELS[b.status],
      formatInZone(b.slot.startsAt, timeZone, "yyyy-MM-dd HH:mm"),
      b.slot.durationMinutes,
      METHOD_INFO[b.method].label,
      b.name,
      b.email,
      b.company,
      csvPhone(b.phone),
      isPaid(b.payment) ? "yes" : "no",
      b.payment ? PAYMENT_STATUS_LABELS[b.payment.status] : "No payment",
      cents(b.payment?.amountCents ?? b.slot.priceCents),
      cents(b.payment?.refundedCents ?? 0),
      (b.payment?.currency ?? b.slot.currency).toUpperCase(),
      b.projectOutcome ? OUTCOME_LABELS[b.projectOutcome] : "",
      b.notes,
      b.createdAt.toISOString(),
    ]),
  );
}
