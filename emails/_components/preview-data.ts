import type { BookingSummary } from "./types";

// Sample data for previews and snapshots: a visitor in London booking a New York business
// in the week between the US and European clock changes (a 4-hour gap, not the usual 5).
export const previewSummary: BookingSummary = {
  businessName: "Northwind Consulting",
  recipientName: "Ada Lovelace",
  reference: "bk_preview0000000000000000000",
  when: [
    { label: "Your time (London)", value: "Tuesday, March 10, 2026, 2:00 PM – 3:00 PM GMT" },
    { label: "Our time (New York)", value: "Tuesday, March 10, 2026, 10:00 AM – 11:00 AM EDT" },
  ],
  shortWhen: "Tue, Mar 10, 2:00 PM GMT",
  durationMinutes: 60,
  meeting: { methodLabel: "Zoom", joinUrl: "https://zoom.us/j/1234567890", businessPhone: null, callLead: null },
};

export const previewManageUrl = "https://booking.example.com/manage/bk_preview0000000000000000000?token=preview";
export const previewBookUrl = "https://booking.example.com/";

/** The same booking as the admin sees it: business zone first. */
export const previewAdminSummary: BookingSummary = {
  ...previewSummary,
  recipientName: "Northwind Consulting",
  when: [
    { label: "Business time (New York)", value: "Tuesday, March 10, 2026, 10:00 AM – 11:00 AM EDT" },
    { label: "Visitor's time (London)", value: "Tuesday, March 10, 2026, 2:00 PM – 3:00 PM GMT" },
  ],
  shortWhen: "Tue, Mar 10, 10:00 AM EDT",
};
