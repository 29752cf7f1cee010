import type { EmailPayload } from "./render";

/**
 * A queued payload for previews and tests: a visitor in London, a business in New York,
 * in the week the US is on daylight time and Europe is not yet.
 */
export function samplePayload(overrides: Partial<EmailPayload> = {}): EmailPayload {
  return {
    bookingId: "bk_abcdefghijklmnopqrstuvwxyz",
    name: "Ada Lovelace",
    email: "ada@example.com",
    company: null,
    phone: null,
    notes: null,
    startsAt: "2026-03-10T14:00:00.000Z",
    endsAt: "2026-03-10T15:00:00.000Z",
    durationMinutes: 60,
    visitorTimeZone: "Europe/London",
    businessTimeZone: "America/New_York",
    businessName: "Northwind Consulting",
    businessPhone: "+1 555 010 0199",
    method: "ZOOM",
    meetingUrl: "https://zoom.us/j/123",
    amountPaidCents: 1000,
    authorizedCents: 0,
    chargeAt: null,
    refundedCents: 0,
    currency: "usd",
    demoPayment: false,
    icsSequence: 0,
    manageUrl: null,
    cancellationReason: null,
    refundPolicy: "The booking fee is refunded in full if you cancel more than 24 hours before the meeting.",
    bookUrl: "http://localhost:3000/",
    adminUrl: "http://localhost:3000/admin/bookings/bk_abcdefghijklmnopqrstuvwxyz",
    inviteUid: "bk_abcdefghijklmnopqrstuvwxyz@localhost",
    organizerEmail: "bookings@example.com",
    ...overrides,
  };
}
