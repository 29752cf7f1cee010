import { addDays, addMinutes } from "date-fns";
import { describe, expect, it } from "vitest";
import { renderEmail } from "@/lib/email/render";
import { manageToken } from "@/lib/links/manage-link";
import { finalizeBookingPayment } from "@/lib/payments/finalize";
import { startBooking } from "@/lib/payments/start-booking";
import { getManageView } from "@/lib/self-service/manage-booking";
import { onChargeNowPath } from "@/tests/fakes/stripe/scenarios";
import { bookingRequest, createSlot } from "@/tests/helpers/factories";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { adminReissueManageLink } from "./admin-transitions";
import { bookingIdForManageToken } from "./manage-access";

const t = useTestDatabase();
const ACTOR = { id: null, email: "owner@example.com" };

async function confirmedBooking(startsAt = addDays(new Date(), 3)) {
  const slot = await createSlot(t.db, { startsAt });
  const started = await startBooking(bookingRequest(slot.id), { clientSession: "reissue-session-0123456789" });
  // Charged at once (demo), as before authorise-then-capture (ADR 121): these tests are about the link.
  await onChargeNowPath(t.db, started.booking.id);
  expect((await finalizeBookingPayment(started.booking.id)).outcome).toBe("confirmed");
  return { bookingId: started.booking.id, slot };
}

async function codeOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => "resolved",
    (e: { code?: string }) => e.code,
  );
}

describe("adminReissueManageLink", () => {
  it("revokes the old link, activates a new one, audits it and queues the new link to the visitor", async () => {
    const { bookingId } = await confirmedBooking();
    const oldToken = manageToken(bookingId, 0);
    expect(await bookingIdForManageToken(oldToken)).toBe(bookingId);

    await adminReissueManageLink(ACTOR, bookingId);

    const newToken = manageToken(bookingId, 1);
    expect(await bookingIdForManageToken(oldToken)).toBeNull();
    expect(await codeOf(getManageView(oldToken))).toBe("not_found");
    expect((await getManageView(newToken)).bookingId).toBe(bookingId);

    const audit = await t.db.auditLog.findFirstOrThrow({ where: { bookingId, action: "booking.reissue_manage_link" } });
    expect(audit).toMatchObject({ actorEmail: ACTOR.email, entityType: "booking", entityId: bookingId });
    expect(audit.after).toMatchObject({ manageTokenVersion: 1 });
    // Neither token is ever written to the audit trail.
    expect(JSON.stringify(audit)).not.toContain(newToken);

    const email = await t.db.outboxEmail.findFirstOrThrow({ where: { bookingId, kind: "manage_link_reissued" } });
    expect(email).toMatchObject({ status: "PENDING", toAddress: "ada@example.com" });
    const rendered = await renderEmail({ kind: email.kind, payload: email.payload, queuedAt: email.createdAt });
    expect(rendered.html).toContain(`/booking/${newToken}`);
    expect(rendered.html).not.toContain(oldToken);
    expect(rendered.text).toContain("no longer works");
  });

  it("can be done again: each time one new email, and only the latest link works", async () => {
    const { bookingId } = await confirmedBooking();
    await adminReissueManageLink(ACTOR, bookingId);
    await adminReissueManageLink(ACTOR, bookingId);
    expect(await bookingIdForManageToken(manageToken(bookingId, 1))).toBeNull();
    expect(await bookingIdForManageToken(manageToken(bookingId, 2))).toBe(bookingId);
    expect(await t.db.outboxEmail.count({ where: { bookingId, kind: "manage_link_reissued" } })).toBe(2);
    expect(await t.db.auditLog.count({ where: { bookingId, action: "booking.reissue_manage_link" } })).toBe(2);
  });

  it("refuses a booking without a live link and changes nothing", async () => {
    const held = await startBooking(bookingRequest((await createSlot(t.db, { startsAt: addDays(new Date(), 4) })).id), {
      clientSession: "held-session-0123456789",
    });
    expect(await codeOf(adminReissueManageLink(ACTOR, held.booking.id))).toBe("invalid_transition");

    const { bookingId, slot } = await confirmedBooking(addDays(new Date(), 5));
    const afterMeeting = addMinutes(slot.startsAt, slot.durationMinutes + 1);
    expect(await codeOf(adminReissueManageLink(ACTOR, bookingId, afterMeeting))).toBe("invalid_transition");
    expect(await codeOf(adminReissueManageLink(ACTOR, "bk_missing"))).toBe("not_found");
    expect(await t.db.outboxEmail.count({ where: { kind: "manage_link_reissued" } })).toBe(0);
    expect(await t.db.auditLog.count({ where: { action: "booking.reissue_manage_link" } })).toBe(0);
    expect(await bookingIdForManageToken(manageToken(bookingId, 0))).toBe(bookingId);
  });
});
