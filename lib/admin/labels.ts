import type { BookingStatus, EmailStatus, PaymentStatus, ProjectOutcome } from "@/lib/db/generated/enums";

// Human labels for enum values, shared by pages, filters and the CSV export.

export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  PENDING_PAYMENT: "Held / awaiting payment",
  CONFIRMED: "Confirmed",
  COMPLETED: "Completed",
  NO_SHOW: "No-show",
  CANCELLED: "Cancelled",
  EXPIRED: "Expired",
};

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  REQUIRES_PAYMENT: "Awaiting payment",
  PROCESSING: "Processing",
  SUCCEEDED: "Paid",
  FAILED: "Failed",
  CANCELED: "Canceled",
  REFUNDED: "Refunded",
  PARTIALLY_REFUNDED: "Partially refunded",
  PAID_OUTSIDE: "Paid outside the app",
  WAIVED: "Fee waived",
  AUTHORIZED: "Authorised, not charged yet",
  RELEASED: "Authorisation released",
  CAPTURE_FAILED: "Capture failed (fee lost)",
};

export const EMAIL_STATUS_LABELS: Record<EmailStatus, string> = {
  PENDING: "Pending",
  SENDING: "Sending",
  SENT: "Sent",
  FAILED: "Failed",
};

export const OUTCOME_LABELS: Record<ProjectOutcome, string> = { NONE: "None yet", WON: "Won", LOST: "Lost" };
