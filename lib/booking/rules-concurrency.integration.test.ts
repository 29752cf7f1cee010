import { describe, expect, it } from "vitest";
import { testDbKind, useTestDatabase } from "@/tests/helpers/test-db";
import { bookingRequest } from "@/tests/helpers/factories";
import { setRule, slotAt } from "@/tests/helpers/rules-fixtures";
import { AppError } from "@/lib/errors/app-error";
import { placeHold } from "./holds";

// Caps and buffers count other bookings, which no unique index can decide: these races prove
// the advisory locks of ADR 104 on real PostgreSQL (PGlite runs one transaction at a time,
// so a race there proves nothing).

const t = useTestDatabase();
const NOW = new Date("2027-01-13T15:00:00.000Z");

async function race(slotIds: string[], email: (i: number) => string) {
  const results = await Promise.allSettled(
    slotIds.map((slotId, i) =>
      placeHold(bookingRequest(slotId, { email: email(i) }), { now: NOW, clientSession: `race-${i}-0123456789abcdef` }),
    ),
  );
  const losers = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as AppError);
  for (const loser of losers) expect(loser).toBeInstanceOf(AppError);
  return { winners: results.filter((r) => r.status === "fulfilled").length, losers };
}

describe.runIf(testDbKind() === "postgres")("booking rules under concurrency", () => {
  it("lets exactly 2 of 8 concurrent holds on different slots of one day win under a cap of 2", async () => {
    await setRule(t.db, "BUSINESS_TIME_ZONE", "Europe/London");
    await setRule(t.db, "MAX_BOOKINGS_PER_DAY", 2);
    const slots = await Promise.all(
      Array.from({ length: 8 }, (_, i) => slotAt(t.db, `2027-01-18T${String(9 + i).padStart(2, "0")}:00:00Z`)),
    );
    const { winners, losers } = await race(
      slots.map((s) => s.id),
      (i) => `v${i}@example.com`,
    );
    expect(winners).toBe(2);
    expect(losers.map((l) => [l.status, l.message])).toEqual(
      Array(6).fill([409, "We take at most 2 bookings a day; that day is full. Please pick another day."]),
    );
    expect(await t.db.booking.count()).toBe(2);
  });

  it("lets one of two concurrent holds on adjacent slots win under a buffer", async () => {
    await setRule(t.db, "BUSINESS_TIME_ZONE", "Europe/London");
    await setRule(t.db, "BUFFER_AFTER_MINUTES", 15);
    // Adjacent across midnight too: the lock covers every day the buffered range touches.
    const pairs = [
      ["2027-01-18T10:00:00Z", "2027-01-18T11:00:00Z"],
      ["2027-01-19T23:00:00Z", "2027-01-20T00:00:00Z"],
    ] as const;
    for (const [a, b] of pairs) {
      const slots = [await slotAt(t.db, a), await slotAt(t.db, b)];
      const { winners, losers } = await race(
        slots.map((s) => s.id),
        (i) => `${a}-${i}@example.com`,
      );
      expect(winners).toBe(1);
      expect(losers[0]!.message).toMatch(/We keep 15 minutes free between meetings/);
    }
  });

  it("lets one of several concurrent holds under one email win under a cap of 1", async () => {
    await setRule(t.db, "MAX_ACTIVE_BOOKINGS_PER_EMAIL", 1);
    const slots = await Promise.all(Array.from({ length: 6 }, (_, i) => slotAt(t.db, `2027-01-${18 + i}T10:00:00Z`)));
    const { winners, losers } = await race(
      slots.map((s) => s.id),
      (i) => (i % 2 === 0 ? "Ada@example.com" : "ada@EXAMPLE.com"),
    );
    expect(winners).toBe(1);
    expect(losers).toHaveLength(5);
    for (const loser of losers) expect(loser.message).toMatch(/You already have 1 upcoming booking/);
  });

  it("lets exactly 3 of 10 concurrent holds in one ISO week win under a weekly cap of 3", async () => {
    await setRule(t.db, "BUSINESS_TIME_ZONE", "Europe/London");
    await setRule(t.db, "MAX_BOOKINGS_PER_WEEK", 3);
    const slots = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        slotAt(t.db, `2027-01-${18 + (i % 5)}T${String(9 + Math.floor(i / 5) * 2).padStart(2, "0")}:00:00Z`),
      ),
    );
    const { winners } = await race(
      slots.map((s) => s.id),
      (i) => `w${i}@example.com`,
    );
    expect(winners).toBe(3);
  });
});
