import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import type { PublicBooking } from "@/lib/booking/public-view";
import { bookingInvite } from "@/lib/email/ics";
import { renderEmail } from "@/lib/email/render";
import { samplePayload } from "@/lib/email/sample-payload";
import { METHOD_INFO } from "@/lib/meeting-methods";
import { BookingStatus } from "./booking-status";
import { MethodPicker } from "./method-picker";

// Defect 4: the method card, the confirmation page, the email and the invite must tell
// the visitor the same thing about who calls whom.

const BUSINESS = "+1 555 010 0199";
const VISITOR = "+44 20 7946 0000";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");

function page(gavePhone: boolean): string {
  const booking: PublicBooking = {
    id: "bk_abcdefghijklmnopqrstuvwxyz",
    status: "CONFIRMED",
    holdExpiresAt: null,
    startsAt: "2027-02-10T14:00:00.000Z",
    endsAt: "2027-02-10T15:00:00.000Z",
    durationMinutes: 60,
    method: "PHONE",
    meetingUrl: "tel:+15550100199",
    visitorTimeZone: "Europe/London",
    businessTimeZone: "America/New_York",
    amountCents: 0,
    currency: "usd",
    paymentStatus: null,
    refundedCents: 0,
    feeTiming: { captureAt: null, capturedAt: null, succeededAt: null, releasedAt: null },
    gavePhone,
  };
  return text(
    renderToStaticMarkup(createElement(BookingStatus, { booking, businessPhone: BUSINESS, refundPolicy: "always", now: new Date() })),
  );
}

async function email(phone: string | null): Promise<string> {
  const p = samplePayload({ method: "PHONE", meetingUrl: "tel:+15550100199", phone });
  return (await renderEmail({ kind: "booking_confirmed", payload: p, queuedAt: new Date() })).text
    .replace(/ tel:\+\d+/g, "") // the plain-text part spells out each link's target
    .replace(/\s+/g, " ");
}

function invite(phone: string | null): string {
  const p = samplePayload({ method: "PHONE", meetingUrl: "tel:+15550100199", phone });
  const vevent = new ICAL.Event(new ICAL.Component(ICAL.parse(bookingInvite(p, "REQUEST", new Date()))).getFirstSubcomponent("vevent")!);
  return vevent.description.replace(/\s+/g, " ");
}

function card(): string {
  return text(renderToStaticMarkup(createElement(MethodPicker, { methods: ["PHONE"], selected: null, onSelect: () => {} })));
}

describe("the direct phone call, in every place it is described", () => {
  it("with no number given: the visitor calls the business, everywhere", async () => {
    const sentence = `At the start time, call us at ${BUSINESS}.`;
    expect(page(false)).toContain(sentence);
    expect(page(false)).not.toMatch(/we will call you/i);
    expect(page(false)).toContain("At the start time, call us.");
    expect(await email(null)).toContain(sentence);
    expect(invite(null)).toContain(sentence);
    expect(card()).toContain("you call us if you give none");
  });

  it("with a number given: the business calls the visitor, everywhere", async () => {
    expect(page(true)).toContain(
      `We will call you at the number you gave us at the start time. If we miss each other, call us at ${BUSINESS}.`,
    );
    expect(page(true)).toContain("At the start time we call you.");
    const sentence = `We will call you at ${VISITOR} at the start time. If we miss each other, call us at ${BUSINESS}.`;
    expect(await email(VISITOR)).toContain(sentence);
    expect(invite(VISITOR)).toContain(sentence);
    expect(card()).toContain("we call the number you give us");
    expect(METHOD_INFO.PHONE.description).not.toMatch(/^A plain phone call: you call us/);
  });
});
