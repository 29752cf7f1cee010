// Props shared by the booking emails. Everything arrives already formatted (times in the
// reader's zones, money with its currency), so templates hold copy and layout only.

export type WhenLine = { label: string; value: string };

export type MeetingDetails = {
  methodLabel: string;
  /** Video link to join; null for phone calls or when no link is set yet. */
  joinUrl: string | null;
  /** The business number, shown for direct calls. */
  businessPhone: string | null;
  /** For direct calls, who calls whom (lib/meeting-methods.ts), followed by the business number. */
  callLead: string | null;
};

export type BookingSummary = {
  businessName: string;
  recipientName: string;
  /** Booking reference shown to the visitor and the admin. */
  reference: string;
  /** Visitor's zone first, then the business zone (one line when they are the same). */
  when: WhenLine[];
  /** Short start for subject lines, in the recipient's zone. */
  shortWhen: string;
  durationMinutes: number;
  meeting: MeetingDetails;
};
