import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { PublicBooking } from "@/lib/booking/public-view";
import { BookingStatus } from "./booking-status";

// The confirmation says when the card is charged, in the visitor's zone (ADR 130).

const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/\s+/g, " ");
const NO_TIMES = { captureAt: null, capturedAt: null, succeededAt: null, releasedAt: null };

function page(overrides: Partial<PublicBooking>): string {
  const booking: PublicBooking = {
    id: "bk_abcdefghijklmnopqrstuvwxyz",
    status: "CONFIRMED",
    holdExpiresAt: null,
    startsAt: "2027-01-23T15:00:00.000Z",
    endsAt: "2027-01-23T16:00:00.000Z",
    durationMinutes: 60,
    method: "ZOOM",
    meetingUrl: null,
    visitorTimeZone: "Europe/London",
    businessTimeZone: "America/New_York",
    amountCents: 1000,
    currency: "usd",
    paymentStatus: "SUCCEEDED",
    refundedCents: 0,
    feeTiming: NO_TIMES,
    gavePhone: false,
    ...overrides,
  };
  const policy = "The booking fee is refunded in full if you cancel more than 24 hours before the meeting.";
  return text(
    renderToStaticMarkup(createElement(BookingStatus, { booking, businessPhone: "+1 555", refundPolicy: policy, now: new Date() })),
  );
}

describe("the confirmation page's fee wording", () => {
  it("says an authorised fee is charged at the deadline, in the visitor's zone", () => {
    const html = page({ paymentStatus: "AUTHORIZED", feeTiming: { ...NO_TIMES, captureAt: "2027-01-22T15:00:00.000Z" } });
    expect(html).toContain(
      "Your card is authorised for $10 and will be charged on Friday, January 22, 2027 at 3:00 PM GMT unless you cancel before then.",
    );
    expect(html).not.toContain("$10 paid");
  });

  it("says a fee charged at once is paid", () => {
    expect(page({})).toContain("$10 paid.");
  });

  it("says a cancelled booking's authorisation was released and nothing charged", () => {
    const html = page({
      status: "CANCELLED",
      paymentStatus: "RELEASED",
      feeTiming: { ...NO_TIMES, releasedAt: "2027-01-14T10:00:00.000Z" },
    });
    expect(html).toContain("Your card authorisation is released; nothing was charged.");
    expect(html).not.toContain("refunded");
  });
});
