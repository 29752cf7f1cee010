import { addHours, subDays } from "date-fns";
import { afterEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { createSlot } from "@/tests/helpers/factories";
import { resetEnvCache } from "@/lib/env";
import { newBookingId } from "@/lib/booking/ids";
import { GET as maintenance } from "./maintenance/route";
import { GET as reminders } from "./reminders/route";

const t = useTestDatabase();
const authorized = () => new Request("http://localhost/api/cron/x", { headers: { authorization: "Bearer s3cret-value" } });

afterEach(() => {
  delete process.env.CRON_SECRET;
  resetEnvCache();
});

describe("cron routes with the secret", () => {
  it("reminders: queues and delivers the due reminders", async () => {
    process.env.CRON_SECRET = "s3cret-value";
    const slot = await createSlot(t.db, { startsAt: addHours(new Date(), 3) });
    const booking = await t.db.booking.create({
      data: {
        id: newBookingId(),
        slotId: slot.id,
        status: "CONFIRMED",
        confirmedAt: subDays(new Date(), 2),
        method: "ZOOM",
        name: "Ada",
        email: "ada@example.com",
        timeZone: "Europe/London",
      },
    });
    const response = await reminders(authorized());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, job: "reminders", result: { queued: 1, sent: 1 } });
    expect(await t.db.outboxEmail.findFirstOrThrow({ where: { bookingId: booking.id } })).toMatchObject({
      kind: "booking_reminder",
      status: "SENT",
    });
  });

  it("maintenance: runs every step and reports each", async () => {
    process.env.CRON_SECRET = "s3cret-value";
    const response = await maintenance(authorized());
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.job).toBe("maintenance");
    expect(body.result).toEqual({
      holds: { ok: true, result: { expired: 0, intentsCanceled: 0 } },
      emails: { ok: true, result: { claimed: 0, sent: 0, retrying: 0, failed: 0 } },
      refunds: { ok: true, result: 0 },
      captures: { ok: true, result: { captured: 0, failed: 0, retrying: 0, lost: 0, released: 0 } },
      rateLimits: { ok: true, result: 0 },
      calendars: { ok: true, result: { refreshed: 0, failed: 0, skipped: 0 } },
      calendarWrites: { ok: true, result: { claimed: 0, done: 0, retrying: 0, failed: 0 } },
      // Nothing saved and no schedule slots: a deployment of hand-made slots gets no grid (ADR 108).
      schedule: { ok: true, result: { skipped: "no_schedule" } },
    });
  });
});
