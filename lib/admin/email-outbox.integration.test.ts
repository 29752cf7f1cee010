import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { seedBooking } from "@/tests/helpers/admin-fixtures";
import { samplePayload } from "@/lib/email/sample-payload";
import { getOutboxAttachment, listOutbox, outboxAttachments, resendFailedEmail } from "./email-outbox";

const t = useTestDatabase();
const actor = { id: "admin-1", email: "owner@example.com" };

async function failedEmail() {
  const { booking } = await seedBooking(t.db);
  return t.db.outboxEmail.create({
    data: {
      dedupeKey: `booking_confirmed:${booking.id}`,
      kind: "booking_confirmed",
      bookingId: booking.id,
      toAddress: booking.email,
      payload: {},
      status: "FAILED",
      attempts: 8,
      lastError: "550 mailbox unavailable",
    },
  });
}

describe("email outbox admin", () => {
  it("puts a failed email back to PENDING with fresh attempts, audited on its booking", async () => {
    const email = await failedEmail();
    await resendFailedEmail(actor, email.id);
    const after = await t.db.outboxEmail.findUniqueOrThrow({ where: { id: email.id } });
    expect(after).toMatchObject({ status: "PENDING", attempts: 0, lastError: "550 mailbox unavailable" });
    const audit = await t.db.auditLog.findFirstOrThrow();
    expect(audit).toMatchObject({ action: "email.resend", bookingId: email.bookingId });
  });

  it("refuses anything that is not FAILED (conditional update, no double resend)", async () => {
    const email = await failedEmail();
    const results = await Promise.allSettled([resendFailedEmail(actor, email.id), resendFailedEmail(actor, email.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await t.db.auditLog.count()).toBe(1);
    await expect(resendFailedEmail(actor, email.id)).rejects.toMatchObject({ code: "conflict" });
  });

  it("offers the invitation an email carried, the same bytes as sent, and nothing for a payload that no longer renders", async () => {
    const { booking } = await seedBooking(t.db);
    const row = await t.db.outboxEmail.create({
      data: {
        dedupeKey: `booking_cancelled:${booking.id}`,
        kind: "booking_cancelled",
        bookingId: booking.id,
        toAddress: booking.email,
        payload: samplePayload({ bookingId: booking.id, icsSequence: 1 }),
      },
    });
    const [invite] = await outboxAttachments(row);
    expect(invite).toMatchObject({ filename: "cancel.ics", contentType: "text/calendar; charset=utf-8; method=CANCEL" });
    expect(invite!.content).toContain("METHOD:CANCEL");
    expect(invite!.content).toContain("SEQUENCE:1");
    expect(await getOutboxAttachment(row.id, "cancel.ics")).toEqual(invite);
    expect(await getOutboxAttachment(row.id, "other.ics")).toBeNull();
    const broken = await failedEmail();
    expect(await outboxAttachments(broken)).toEqual([]);
  });

  it("lists and filters by status", async () => {
    await failedEmail();
    expect((await listOutbox({ status: "FAILED", page: 1 })).total).toBe(1);
    expect((await listOutbox({ status: "SENT", page: 1 })).total).toBe(0);
    expect((await listOutbox({ status: undefined, page: 9 })).page).toBe(1);
  });
});
