import { describe, expect, it } from "vitest";
import { summarizeFee } from "./fee";

const terms = { refundable: true, policy: "Refunded in full." };
const slot = (priceCents: number, requiresPayment = priceCents > 0) => ({ priceCents, currency: "usd", requiresPayment });

describe("summarizeFee", () => {
  it("takes the amount from the slots, not a constant", () => {
    expect(summarizeFee([slot(1000), slot(1000)], terms)).toEqual({ amountCents: 1000, currency: "usd", varies: false, ...terms });
    expect(summarizeFee([slot(2500)], terms)?.amountCents).toBe(2500);
  });

  it("says 'from' the lowest fee when fees differ, ignoring free slots", () => {
    expect(summarizeFee([slot(2000), slot(1500), slot(0)], terms)).toMatchObject({ amountCents: 1500, varies: true });
  });

  it("is null when every slot is free", () => {
    expect(summarizeFee([slot(0), slot(1000, false)], terms)).toBeNull();
    expect(summarizeFee([], terms)).toBeNull();
  });
});
