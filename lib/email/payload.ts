import { z } from "zod";

// The outbox payload's shape, defined once: the booking snapshot taken at queue time
// (booking-snapshot.ts fills it) and the per-kind extras render.ts reads.

const nullableString = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

/** What every booking email needs, captured when the email is queued. JSON-safe. Lenient on optional fields. */
export const bookingSnapshotSchema = z.object({
  bookingId: z.string(),
  name: z.string(),
  email: z.string(),
  company: nullableString,
  phone: nullableString,
  notes: nullableString,
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  durationMinutes: z.number().int().positive(),
  visitorTimeZone: z.string(),
  businessTimeZone: z.string(),
  businessName: z.string(),
  businessPhone: z.string(),
  method: z.string(),
  meetingUrl: nullableString,
  amountPaidCents: z.number().int().default(0),
  /** A fee authorised but not charged yet, and when it will be charged (ADR 120). */
  authorizedCents: z.number().int().default(0),
  chargeAt: nullableString,
  refundedCents: z.number().int().default(0),
  currency: z.string().length(3),
  /** A demo payment moved no money: refund emails must not send the visitor to their card. */
  demoPayment: z.boolean().default(false),
  icsSequence: z.number().int().default(0),
  /** The booking's status when queued (kept for the outbox view; rendering does not use it). */
  status: z.string().optional(),
  manageUrl: nullableString,
  /** Set on cancellations (rows queued before it existed lack it). */
  cancellationReason: nullableString,
  // Configuration captured at queue time, so a retry renders the same body (ADR 066).
  refundPolicy: z.string(),
  bookUrl: z.string(),
  adminUrl: z.string(),
  /** The invitation's UID and ORGANIZER: a retry or an update must not change either. */
  inviteUid: z.string(),
  organizerEmail: z.string(),
});

/** The reason stored when visitors cancel themselves: the admin sees it, the visitor needs no reason for their own act. */
export const VISITOR_CANCELLATION_REASON = "Cancelled by the visitor";

/** The payload fields copied from configuration when an email is queued (ADR 066). */
export const QUEUE_TIME_FIELDS = ["refundPolicy", "bookUrl", "adminUrl", "inviteUid", "organizerEmail"] as const;
export type QueueTimeConfiguration = Pick<BookingEmailSnapshot, (typeof QUEUE_TIME_FIELDS)[number]>;
export type BookingEmailSnapshot = z.output<typeof bookingSnapshotSchema>;

/** The queued payload: a BookingEmailSnapshot plus per-kind extras. */
export const emailPayloadSchema = bookingSnapshotSchema.extend({
  /** Cancellations and refunds: the amount this email announces. */
  refundCents: z.number().int().optional(),
  /** Reschedules: where the booking was before. */
  previousStartsAt: z.iso.datetime({ offset: true }).optional(),
  previousEndsAt: z.iso.datetime({ offset: true }).optional(),
  /** Fee receipts and lost fees: the fee this email is about (charged, or not collected). */
  feeCents: z.number().int().optional(),
  /** Fee receipts: when the card was charged, and the receipt's number. */
  chargedAt: z.iso.datetime({ offset: true }).optional(),
  receiptNumber: z.string().optional(),
  /** Cancellations of an authorised fee (ADR 125): released (nothing charged) or kept (captured). */
  authorizationOutcome: z.enum(["released", "kept"]).optional(),
  /** Lost fees: why the capture failed for good, in the admin's words. */
  feeLostReason: z.string().optional(),
});
export type EmailPayload = z.output<typeof emailPayloadSchema>;
