import { describe, expect, it } from "vitest";
import { describeRefundPolicy, parseRefundPolicy, refundDueCents, refundSentence } from "./refund-policy";

const startsAt = new Date("2026-03-10T15:00:00Z");

describe("refund policy", () => {
  it("refunds in full more than 24 h before, nothing after", () => {
    const policy = parseRefundPolicy("hours_before:24");
    const base = { startsAt, paidCents: 1000, alreadyRefundedCents: 0 };
    expect(refundDueCents(policy, { ...base, now: new Date("2026-03-09T14:59:00Z") })).toBe(1000);
    expect(refundDueCents(policy, { ...base, now: new Date("2026-03-09T15:00:00Z") })).toBe(0);
    expect(refundDueCents(policy, { ...base, now: new Date("2026-03-10T10:00:00Z") })).toBe(0);
  });

  it("never refunds more than remains", () => {
    const due = refundDueCents(parseRefundPolicy("always"), { startsAt, now: startsAt, paidCents: 1000, alreadyRefundedCents: 400 });
    expect(due).toBe(600);
    expect(refundDueCents(parseRefundPolicy("never"), { startsAt, now: new Date(0), paidCents: 1000, alreadyRefundedCents: 0 })).toBe(0);
  });

  it("rejects unknown policies and describes known ones", () => {
    expect(() => parseRefundPolicy("sometimes")).toThrow(/Invalid refund policy/);
    expect(describeRefundPolicy(parseRefundPolicy("hours_before:48"))).toContain("48 hours");
  });
});

describe("refundSentence", () => {
  it("says the card for a real payment and no card for a demo one", () => {
    expect(refundSentence("$10", "will be", false)).toBe("$10 will be refunded to your card.");
    expect(refundSentence("$10", "has been", true)).toBe("$10 has been refunded. This was a demo payment: no card was charged.");
    expect(refundSentence("$10", "has been", true)).not.toContain("your card");
  });
});
