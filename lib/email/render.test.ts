import { describe, expect, it } from "vitest";
import { EMAIL_KINDS } from "./kinds";
import { EmailRenderError, renderEmail } from "./render";
import { samplePayload } from "./sample-payload";

const queuedAt = new Date("2026-03-01T12:00:00Z");

const payload = samplePayload;

async function textOf(kind: string, p: ReturnType<typeof samplePayload>) {
  return (await renderEmail({ kind, payload: p, queuedAt })).text;
}

describe("times across daylight saving (visitor in London, business in New York)", () => {
  it("in the week the US has switched and Europe has not, shows a 4-hour gap", async () => {
    const text = await textOf("booking_confirmed", payload());
    expect(text).toContain("Your time (London)\n\nTuesday, March 10, 2026, 2:00 PM – 3:00 PM GMT");
    expect(text).toContain("Our time (New York)\n\nTuesday, March 10, 2026, 10:00 AM – 11:00 AM EDT");
  });

  it("the week before, both on standard time: a 5-hour gap", async () => {
    const text = await textOf("booking_confirmed", payload({ startsAt: "2026-03-03T14:00:00.000Z", endsAt: "2026-03-03T15:00:00.000Z" }));
    expect(text).toContain("Tuesday, March 3, 2026, 2:00 PM – 3:00 PM GMT");
    expect(text).toContain("Tuesday, March 3, 2026, 9:00 AM – 10:00 AM EST");
  });

  it("after Europe switches too: BST and EDT, 5 hours again", async () => {
    const text = await textOf("booking_reminder", payload({ startsAt: "2026-04-07T13:00:00.000Z", endsAt: "2026-04-07T14:00:00.000Z" }));
    expect(text).toContain("Tuesday, April 7, 2026, 2:00 PM – 3:00 PM BST");
    expect(text).toContain("Tuesday, April 7, 2026, 9:00 AM – 10:00 AM EDT");
  });

  it("in the autumn week Europe has switched back and the US has not", async () => {
    const text = await textOf("booking_cancelled", payload({ startsAt: "2026-10-27T14:00:00.000Z", endsAt: "2026-10-27T15:00:00.000Z" }));
    expect(text).toContain("Tuesday, October 27, 2026, 2:00 PM – 3:00 PM GMT");
    expect(text).toContain("Tuesday, October 27, 2026, 10:00 AM – 11:00 AM EDT");
  });

  it("puts the visitor's zone in the subject, and the business zone first for the admin", async () => {
    const visitor = await renderEmail({ kind: "booking_confirmed", payload: payload(), queuedAt });
    expect(visitor.subject).toBe("Confirmed: your consultation on Tue, Mar 10, 2:00 PM GMT");
    const admin = await renderEmail({ kind: "admin_new_booking", payload: payload(), queuedAt });
    expect(admin.subject).toBe("New booking: Ada Lovelace, Tue, Mar 10, 10:00 AM EDT");
    expect(admin.text.indexOf("Business time (New York)")).toBeLessThan(admin.text.indexOf("Visitor's time (London)"));
    expect(admin.replyTo).toBe("ada@example.com");
  });

  it("shows one line when visitor and business share a zone", async () => {
    const text = await textOf("booking_confirmed", payload({ visitorTimeZone: "America/New_York" }));
    expect(text).toContain("Time (New York)\n\nTuesday, March 10, 2026, 10:00 AM – 11:00 AM EDT");
    expect(text).not.toContain("Your time");
  });
});

// Every kind but the one about no booking (a broken calendar connection, tested below).
const BOOKING_KINDS = EMAIL_KINDS.filter((kind) => kind !== "admin_calendar_broken");

describe("renderEmail", () => {
  it("renders the broken-calendar email from its own payload, without an invitation", async () => {
    const email = await renderEmail({
      kind: "admin_calendar_broken",
      payload: {
        businessName: "Northwind Consulting",
        connectionLabel: "Work (CalDAV)",
        reason: "The CalDAV server refused the username or app password (401).",
        since: "Wed, Jan 13, 2027, 10:00 AM EST",
        visitorEffect: "Slots are offered from the last good copy for up to 2 hours.",
        adminUrl: "https://booking.example.com/admin/calendars",
      },
      queuedAt,
    });
    expect(email.subject).toBe("Calendar connection broken: Work (CalDAV)");
    expect(email.text).toContain("refused the username or app password (401)");
    expect(email.text).toContain("https://booking.example.com/admin/calendars");
    expect(email.attachments).toEqual([]);
  });

  it("renders every kind, attaching an invitation to confirmations, reschedules and cancellations", async () => {
    const methods: Record<string, string | undefined> = {
      booking_confirmed: "REQUEST",
      booking_rescheduled: "REQUEST",
      booking_cancelled: "CANCEL",
    };
    for (const kind of BOOKING_KINDS) {
      const email = await renderEmail({ kind, payload: payload({ refundCents: 1000 }), queuedAt });
      expect(email.subject.length, kind).toBeGreaterThan(10);
      expect(email.html, kind).toContain("<!DOCTYPE html");
      expect(email.text, kind).toContain("bk_abcdefghijklmnopqrstuvwxyz");
      const method = methods[kind];
      expect(
        email.attachments.map((a) => a.contentType),
        kind,
      ).toEqual(method ? [`text/calendar; charset=utf-8; method=${method}`] : []);
    }
  });

  it("is deterministic, so a retry sends the same bytes under the same idempotency key", async () => {
    const first = await renderEmail({ kind: "booking_confirmed", payload: payload(), queuedAt });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await renderEmail({ kind: "booking_confirmed", payload: payload(), queuedAt });
    expect(second).toEqual(first);
  });

  it("states the fee, the refund policy and the refund amounts", async () => {
    const confirmed = await textOf("booking_confirmed", payload());
    expect(confirmed).toContain("$10 paid");
    expect(confirmed).toContain("refunded in full if you cancel more than 24 hours before");
    expect(await textOf("booking_cancelled", payload({ refundCents: 1000 }))).toContain(
      "We have refunded $10. It goes back to your original payment method",
    );
    expect(await textOf("booking_cancelled", payload({ refundCents: 0 }))).toContain("the booking fee of $10 is not refunded");
    expect(await textOf("payment_refunded", payload({ refundCents: 400 }))).toContain("we have refunded $4 of the $10 you paid");
    expect(await textOf("late_payment_refunded", payload())).toContain("refunded the full $10");
    expect(await textOf("booking_confirmed", payload({ amountPaidCents: 0 }))).toContain("Free of charge");
    // Authorised, not charged yet: never "Free of charge", and the date is in the visitor's zone.
    const authorised = await textOf(
      "booking_confirmed",
      payload({ amountPaidCents: 0, authorizedCents: 1000, chargeAt: "2026-03-09T14:00:00.000Z" }),
    );
    expect(authorised).toContain("Your card is authorised for $10 and will be charged on");
    expect(authorised).toContain("unless you cancel before then");
    expect(authorised).not.toContain("Free of charge");
  });

  it("takes the refund policy and every link from the queued row, not from today's configuration", async () => {
    const queued = payload({
      refundPolicy: "Policy as it was when queued.",
      bookUrl: "https://then.example/",
      adminUrl: "https://then.example/admin/bookings/bk_1",
    });
    expect(await textOf("booking_confirmed", queued)).toContain("Policy as it was when queued.");
    expect(await textOf("booking_cancelled", queued)).toContain("https://then.example/");
    expect(await textOf("late_payment_refunded", queued)).toContain("https://then.example/");
    expect(await textOf("admin_new_booking", queued)).toContain("https://then.example/admin/bookings/bk_1");
    expect(await textOf("admin_booking_cancelled", queued)).toContain("https://then.example/admin/bookings/bk_1");
  });

  it("adds a Manage booking link only when the booking has a manage URL", async () => {
    expect(await textOf("booking_confirmed", payload())).not.toContain("Manage booking");
    const text = await textOf("booking_confirmed", payload({ manageUrl: "http://localhost:3000/manage/bk_x?t=1" }));
    expect(text).toContain("Manage booking http://localhost:3000/manage/bk_x?t=1");
  });

  it("gives direct calls the business number and the visitor's number instead of a link", async () => {
    const text = await textOf("booking_confirmed", payload({ method: "PHONE", meetingUrl: "tel:+15550100199", phone: "+44 20 7946 0000" }));
    expect(text).toContain("Direct phone call");
    expect(text).toContain("We will call you at +44 20 7946 0000");
    expect(text).toContain("+1 555 010 0199");
  });

  it("mentions the previous time of a rescheduled booking when it is known", async () => {
    const text = await textOf("booking_rescheduled", payload({ previousStartsAt: "2026-03-09T15:00:00.000Z" }));
    expect(text).toContain("Previously\n\nMonday, March 9, 2026, 3:00 PM – 4:00 PM GMT");
  });

  it("tells the visitor why the business cancelled, and offers no way to join a cancelled meeting", async () => {
    const cancelled = await renderEmail({
      kind: "booking_cancelled",
      payload: payload({ cancellationReason: "The consultant is ill, sorry.", refundCents: 1000 }),
      queuedAt,
    });
    expect(cancelled.text).toContain("Reason\n\nThe consultant is ill, sorry.");
    expect(cancelled.text).not.toContain("Join on");
    expect(cancelled.html).not.toContain("https://zoom.us/j/123");
    expect(cancelled.text).toContain("Zoom");
    const admin = await textOf("admin_booking_cancelled", payload({ cancellationReason: "Visitor asked." }));
    expect(admin).not.toContain("Join on");
    expect(await textOf("booking_cancelled", payload())).not.toContain("Reason");
    expect(await textOf("booking_cancelled", payload({ cancellationReason: "Cancelled by the visitor" }))).not.toContain("Reason");
  });

  it("says plainly that no card was charged when the payment was a demo", async () => {
    const demo = { demoPayment: true, refundCents: 1000 };
    for (const kind of ["booking_cancelled", "payment_refunded", "late_payment_refunded"]) {
      const text = await textOf(kind, payload(demo));
      expect(text, kind).toContain("no card was charged");
      expect(text, kind).not.toMatch(/original payment method|your card/);
      expect(await textOf(kind, payload({ refundCents: 1000 })), kind).toContain("original payment method");
    }
  });

  it("gives a receipt with its number, the amount, the date charged and the business's contact details", async () => {
    const receipt = await renderEmail({
      kind: "fee_receipt",
      payload: payload({ feeCents: 1000, chargedAt: "2026-03-09T14:00:00.000Z", receiptNumber: "R-3F2A9C1D7B" }),
      queuedAt,
    });
    expect(receipt.subject).toBe("Receipt R-3F2A9C1D7B: $10 booking fee");
    expect(receipt.text).toContain("Receipt number\n\nR-3F2A9C1D7B");
    expect(receipt.text).toContain("Amount charged\n\n$10");
    expect(receipt.text).toContain("Date charged\n\nMonday, March 9, 2026");
    expect(receipt.text).toContain("Northwind Consulting, bookings@example.com, +1 555 010 0199");
    expect(receipt.text).toContain("Reference\n\nbk_abcdefghijklmnopqrstuvwxyz");
    expect(receipt.text).toContain("Tuesday, March 10, 2026, 2:00 PM – 3:00 PM GMT");
    expect(receipt.attachments).toEqual([]);
    const demo = await textOf("fee_receipt", payload({ feeCents: 1000, chargedAt: "2026-03-09T14:00:00.000Z", demoPayment: true }));
    expect(demo).toContain("no card was charged");
  });

  it("a cancelled authorised fee: released says nothing was charged, kept says it is charged", async () => {
    const released = await textOf("booking_cancelled", payload({ amountPaidCents: 0, authorizationOutcome: "released", feeCents: 1000 }));
    expect(released).toContain("The $10 authorisation on your card is released: nothing was charged.");
    expect(released).not.toMatch(/refunded/);
    const kept = await textOf("booking_cancelled", payload({ amountPaidCents: 0, authorizationOutcome: "kept", feeCents: 1000 }));
    expect(kept).toContain("the booking fee of $10 is charged to your card. A receipt follows by email.");
  });

  it("tells the admin which booking lost its fee, why, and what to do", async () => {
    const lost = await renderEmail({
      kind: "admin_fee_lost",
      payload: payload({ feeCents: 1000, feeLostReason: "The card was declined when the fee was captured." }),
      queuedAt,
    });
    expect(lost.subject).toBe("Booking fee not collected: Ada Lovelace, Tue, Mar 10, 10:00 AM EDT");
    expect(lost.text).toContain("the $10 fee was not collected. The booking is still confirmed.");
    expect(lost.text).toContain("Why\n\nThe card was declined when the fee was captured.");
    expect(lost.text).toContain("What to do:");
    expect(lost.text).toContain("http://localhost:3000/admin/bookings/bk_abcdefghijklmnopqrstuvwxyz");
    expect(lost.replyTo).toBe("ada@example.com");
  });

  it("refuses unknown kinds and payloads that do not parse, as permanent errors", async () => {
    await expect(renderEmail({ kind: "nope", payload: payload(), queuedAt })).rejects.toBeInstanceOf(EmailRenderError);
    await expect(renderEmail({ kind: "booking_confirmed", payload: { bookingId: "x" }, queuedAt })).rejects.toBeInstanceOf(
      EmailRenderError,
    );
  });
});

describe("the one-pass renderer", () => {
  // renderEmail renders once with renderToStaticMarkup (see renderDocument); it must give the
  // document react-email's own render() gives, and a text part with the same content.
  it.each(BOOKING_KINDS)("%s: same HTML as react-email's render(), text derived from it", async (kind) => {
    const { render, toPlainText } = await import("@react-email/render");
    const { buildEmail, emailPayloadSchema } = await import("./render");
    const p = emailPayloadSchema.parse(
      payload({
        manageUrl: "https://booking.example.com/booking/tok",
        refundCents: 1000,
        previousStartsAt: "2026-03-09T14:00:00.000Z",
        previousEndsAt: "2026-03-09T15:00:00.000Z",
      }),
    );
    const email = await renderEmail({ kind, payload: p, queuedAt });
    const reference = await render(buildEmail(kind, p).element);
    // Streaming render adds React's own markers (Suspense boundary, hoisting, text separators);
    // the markup is otherwise identical. Outlook's conditional comments are kept by both.
    expect(email.html).toBe(reference.replace(/<!--(?:\$|\/\$|html|head|body| )-->/g, ""));
    const words = (s: string) => s.toLowerCase().split(/\s+/).filter(Boolean);
    expect(words(email.text)).toEqual(words(toPlainText(reference)));
  });
});
