import { addDays, addHours, addMinutes } from "date-fns";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { rotateManageToken } from "@/lib/booking/manage-access";
import { manageToken } from "@/lib/links/manage-link";
import { cancelAndRefund } from "@/lib/payments/cancel-and-refund";
import { refundPayment } from "@/lib/payments/refunds";
import { startBooking } from "@/lib/payments/start-booking";
import { bookingRequest, createSlot } from "@/tests/helpers/factories";
import { confirmedWithManageLink } from "@/tests/helpers/manage-link";
import { testDbKind, useTestDatabase } from "@/tests/helpers/test-db";
import { cancelViaManageLink, getManageView, manageIcs, rescheduleViaManageLink } from "./manage-booking";

const t = useTestDatabase();

const confirmedBooking = (startsAt: Date, email?: string) => confirmedWithManageLink(t.db, startsAt, email);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

describe("manage link", () => {
  it("shows the booking with the refund it would get now", async () => {
    const { token, bookingId } = await confirmedBooking(addDays(new Date(), 3));
    const view = await getManageView(token);
    expect(view).toMatchObject({ bookingId, status: "CONFIRMED", paidCents: 1000, refundIfCancelledNowCents: 1000, canCancel: true });
    expect(view.reschedule.allowed).toBe(true);
    const confirmation = await t.db.outboxEmail.findFirstOrThrow({ where: { bookingId, kind: "booking_confirmed" } });
    expect((confirmation.payload as { manageUrl: string }).manageUrl).toBe(`http://localhost:3000/booking/${token}`);
  });

  it("answers not-found for tampered, revoked and expired tokens", async () => {
    const { token, bookingId, slot } = await confirmedBooking(addDays(new Date(), 3));
    const tampered = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    expect(await codeOf(getManageView(tampered))).toBe("not_found");
    expect(await codeOf(getManageView("short"))).toBe("not_found");
    expect(await codeOf(getManageView(bookingId))).toBe("not_found");
    expect(await codeOf(getManageView(token, addMinutes(slot.startsAt, 61)))).toBe("not_found");
    await rotateManageToken(bookingId);
    expect(await codeOf(getManageView(token))).toBe("not_found");
    expect((await getManageView(manageToken(bookingId, 1))).bookingId).toBe(bookingId);
  });
});

describe("cancel through the manage link", () => {
  it("refunds in full more than 24 h ahead, frees the slot, and a second cancel changes nothing", async () => {
    const { token, bookingId, slot } = await confirmedBooking(addDays(new Date(), 3));
    expect(await cancelViaManageLink(token)).toEqual({ outcome: "cancelled", refundCents: 1000, released: false });
    expect(await cancelViaManageLink(token)).toEqual({ outcome: "already_cancelled", refundCents: 0, released: false });
    const booking = await t.db.booking.findUniqueOrThrow({
      where: { id: bookingId },
      include: { payment: { include: { refunds: true } } },
    });
    expect(booking.status).toBe("CANCELLED");
    expect(booking.payment).toMatchObject({ status: "REFUNDED", refundedCents: 1000 });
    expect(booking.payment!.refunds).toHaveLength(1);
    expect((await getManageView(token)).cancellationReason).toBeNull();
    const emails = await t.db.outboxEmail.findMany({ where: { bookingId }, orderBy: { createdAt: "asc" } });
    expect(emails.map((e) => e.kind)).toContain("booking_cancelled");
    expect(emails.filter((e) => e.kind === "booking_cancelled")).toHaveLength(1);
    const again = await startBooking(bookingRequest(slot.id, { email: "bob@example.com" }), { clientSession: "bob-session-0123456789" });
    expect(again.booking.status).toBe("PENDING_PAYMENT");
  });

  it("after an admin cancellation shows the reason and serves the cancellation invite (same UID, higher SEQUENCE)", async () => {
    const { token, bookingId } = await confirmedBooking(addDays(new Date(), 3));
    const invite = await manageIcs(token);
    expect(invite.content).toContain("METHOD:REQUEST");
    expect(invite.content).toContain("SEQUENCE:0");
    const uid = /UID:(.*)\r\n/.exec(invite.content)?.[1];
    await cancelAndRefund(bookingId, { reason: "The consultant is ill, sorry.", refund: "full", notifyAdmin: false });
    const view = await getManageView(token);
    expect(view).toMatchObject({ status: "CANCELLED", cancellationReason: "The consultant is ill, sorry.", hasCancelInvite: true });
    const cancel = await manageIcs(token);
    expect(cancel.content).toContain("METHOD:CANCEL");
    expect(cancel.content).toContain("STATUS:CANCELLED");
    expect(cancel.content).toContain("SEQUENCE:1");
    expect(/UID:(.*)\r\n/.exec(cancel.content)?.[1]).toBe(uid);
    const email = await t.db.outboxEmail.findFirstOrThrow({ where: { bookingId, kind: "booking_cancelled" } });
    expect((email.payload as { cancellationReason: string }).cancellationReason).toBe("The consultant is ill, sorry.");
  });

  it("refunds nothing inside the 24 h window", async () => {
    const { token, bookingId } = await confirmedBooking(addHours(new Date(), 5));
    expect((await getManageView(token)).refundIfCancelledNowCents).toBe(0);
    expect(await cancelViaManageLink(token)).toEqual({ outcome: "cancelled", refundCents: 0, released: false });
    const payment = await t.db.payment.findUniqueOrThrow({ where: { bookingId } });
    expect(payment).toMatchObject({ status: "SUCCEEDED", refundedCents: 0 });
  });
});

describe("reschedule through the manage link", () => {
  it("moves the booking, frees the old slot, bumps SEQUENCE and charges nothing twice", async () => {
    const { token, bookingId, slot: oldSlot } = await confirmedBooking(addDays(new Date(), 3));
    const newSlot = await createSlot(t.db, { startsAt: addDays(new Date(), 4) });
    expect(await rescheduleViaManageLink(token, newSlot.id)).toEqual({ icsSequence: 1 });
    const booking = await t.db.booking.findUniqueOrThrow({ where: { id: bookingId } });
    expect(booking).toMatchObject({ slotId: newSlot.id, status: "CONFIRMED", icsSequence: 1 });
    expect(await t.db.payment.count()).toBe(1);
    const rescheduled = await t.db.outboxEmail.findMany({ where: { bookingId, kind: "booking_rescheduled" } });
    expect(rescheduled).toHaveLength(1);
    const other = await startBooking(bookingRequest(oldSlot.id, { email: "bob@example.com" }), { clientSession: "bob-session-0123456789" });
    expect(other.booking.slotId).toBe(oldSlot.id);
  });

  it("counts a partially refunded fee as paid: a same-fee slot is still allowed, a dearer one is not", async () => {
    const { token, bookingId } = await confirmedBooking(addDays(new Date(), 3));
    const payment = await t.db.payment.findUniqueOrThrow({ where: { bookingId } });
    await refundPayment({ paymentId: payment.id, amountCents: 300, reason: "Goodwill", idempotencyKey: "partial-goodwill" });
    expect((await t.db.payment.findUniqueOrThrow({ where: { bookingId } })).status).toBe("PARTIALLY_REFUNDED");
    const dearer = await createSlot(t.db, { startsAt: addDays(new Date(), 5), priceCents: 2000 });
    expect(await codeOf(rescheduleViaManageLink(token, dearer.id))).toBe("reschedule_not_allowed");
    const sameFee = await createSlot(t.db, { startsAt: addDays(new Date(), 4) });
    expect(await rescheduleViaManageLink(token, sameFee.id)).toEqual({ icsSequence: 1 });
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: bookingId } })).slotId).toBe(sameFee.id);
  });

  it("refuses after the cutoff and into a taken slot", async () => {
    const soon = await confirmedBooking(addHours(new Date(), 20));
    const free = await createSlot(t.db, { startsAt: addDays(new Date(), 5) });
    expect(await codeOf(rescheduleViaManageLink(soon.token, free.id))).toBe("reschedule_not_allowed");
    expect((await getManageView(soon.token)).reschedule.reason).toMatch(/24 hours/);

    const mine = await confirmedBooking(addDays(new Date(), 3), "c@example.com");
    const theirs = await confirmedBooking(addDays(new Date(), 6), "d@example.com");
    expect(await codeOf(rescheduleViaManageLink(mine.token, theirs.slot.id))).toBe("slot_taken");
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: mine.bookingId } })).slotId).toBe(mine.slot.id);
  });

  it.runIf(testDbKind() === "postgres")("lets exactly one of two concurrent reschedules into one slot win", async () => {
    const a = await confirmedBooking(addDays(new Date(), 3), "a@example.com");
    const b = await confirmedBooking(addDays(new Date(), 4), "b@example.com");
    const target = await createSlot(t.db, { startsAt: addDays(new Date(), 5) });
    const results = await Promise.allSettled([rescheduleViaManageLink(a.token, target.id), rescheduleViaManageLink(b.token, target.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as AppError).code).toBe("slot_taken");
    expect(await t.db.booking.count({ where: { slotId: target.id } })).toBe(1);
  });
});
