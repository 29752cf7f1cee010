// Words for the insights figures, shared by the page and the CSV so both say the same thing.

/** Which timestamp puts a booking, meeting or payment "in the period" (ADR 110). */
export const COUNTED_BY = {
  bookingDate: "Booking date (when the visitor booked)",
  meetingDate: "Meeting date (when the meeting is scheduled)",
  paidDate: "Payment date (when the fee was paid)",
  refundDate: "Refund date (when the refund was made)",
} as const;

export const MEETING_FIGURE_LABELS = {
  booked: "Booked",
  cancelledByVisitor: "Cancelled by the visitor",
  cancelledByBusiness: "Cancelled by the business",
  noShow: "No-show",
  upcoming: "Still to come",
  awaitingResult: "Past, result not recorded",
  held: "Meeting held",
  won: "Project won",
  lost: "Project lost",
} as const;

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** Upper bounds (hours) of the lead-time buckets; the last bucket is open-ended. */
export const LEAD_TIME_BOUNDS_HOURS = [24, 72, 168, 336, 672] as const;
export const LEAD_TIME_BUCKET_LABELS = ["Under 1 day", "1–3 days", "3–7 days", "1–2 weeks", "2–4 weeks", "4 weeks or more"] as const;
