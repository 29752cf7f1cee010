import { addDays } from "date-fns";
import { describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { seedBooking } from "@/tests/helpers/admin-fixtures";
import { useFakeStripe } from "@/tests/fakes/stripe/use-fake-stripe";
import { authorisedBooking } from "@/tests/fakes/stripe/authorised";
import { adminCaptureNow, adminReleaseAuthorization } from "./payment-capture-actions";

const t = useTestDatabase();
const stripe = useFakeStripe();
const actor = { id: "admin-1", email: "owner@example.com" };
const auditOf = (action: string) => t.db.auditLog.findMany({ where: { action } });

describe("admin capture now", () => {
  it("captures an authorised fee before its time, audited, with a receipt", async () => {
    const { bookingId, paymentId, intentId } = await authorisedBooking(t.db, stripe, { captureAt: addDays(new Date(), 3) });
    expect(await adminCaptureNow({ bookingId }, actor)).toBe("Captured $10. The visitor gets a receipt.");
    expect(stripe.fake.state.intent(intentId).status).toBe("succeeded");
    expect(await t.db.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({ status: "SUCCEEDED" });
    expect(await t.db.outboxEmail.count({ where: { bookingId, kind: "fee_receipt" } })).toBe(1);
    const [audit] = await auditOf("payment.capture");
    expect(audit).toMatchObject({
      actorEmail: actor.email,
      entityId: paymentId,
      bookingId,
      before: { status: "AUTHORIZED" },
      after: { status: "SUCCEEDED", outcome: "captured" },
    });
    await expect(adminCaptureNow({ bookingId }, actor)).rejects.toMatchObject({ code: "invalid_transition" });
  });

  it("a declined capture is reported and audited; the fee is marked not collected", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const { bookingId, intentId } = await authorisedBooking(t.db, stripe, { captureAt: addDays(new Date(), 3) });
    stripe.fake.state.declineOnCapture.add(intentId);
    await expect(adminCaptureNow({ bookingId }, actor)).rejects.toMatchObject({ code: "payment_failed" });
    const [audit] = await auditOf("payment.capture");
    expect(audit!.after).toMatchObject({ status: "CAPTURE_FAILED", outcome: "lost" });
  });

  it("refuses a booking with no authorised fee", async () => {
    const { booking } = await seedBooking(t.db, { paidCents: 1000 });
    await expect(adminCaptureNow({ bookingId: booking.id }, actor)).rejects.toMatchObject({ code: "invalid_transition" });
    expect(await auditOf("payment.capture")).toHaveLength(0);
  });
});

describe("admin release", () => {
  it("cancels the authorisation at Stripe, nothing charged, audited with the reason", async () => {
    const { bookingId, paymentId, intentId } = await authorisedBooking(t.db, stripe, { captureAt: addDays(new Date(), 3) });
    expect(await adminReleaseAuthorization({ bookingId, reason: "Goodwill" }, actor)).toBe(
      "Authorisation of $10 released; nothing was charged.",
    );
    expect(stripe.fake.state.intent(intentId).status).toBe("canceled");
    expect(await t.db.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({ status: "RELEASED" });
    expect(await t.db.refund.count()).toBe(0);
    const [audit] = await auditOf("payment.release");
    expect(audit).toMatchObject({ before: { status: "AUTHORIZED" }, after: { status: "RELEASED", reason: "Goodwill" } });
    await expect(adminReleaseAuthorization({ bookingId }, actor)).rejects.toMatchObject({ code: "conflict" });
  });

  it("with Stripe down, the fee stays authorised and the failure is audited", async () => {
    const { bookingId, paymentId } = await authorisedBooking(t.db, stripe, { captureAt: addDays(new Date(), 3) });
    stripe.fake.outage("500");
    await expect(adminReleaseAuthorization({ bookingId }, actor)).rejects.toMatchObject({ code: "payment_provider_unavailable" });
    expect(await t.db.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({ status: "AUTHORIZED" });
    const [audit] = await auditOf("payment.release");
    expect(audit!.after).toMatchObject({ releaseError: expect.any(String) });
  });
});
