import { describe, expect, it } from "vitest";
import { paymentState, paymentStateLabel } from "./payment-label";

const now = new Date("2027-01-13T15:00:00Z");
const payment = (status: string, refundedCents = 0) => ({ status, amountCents: 1000, refundedCents, currency: "usd" });
const confirmed = { status: "CONFIRMED" };

describe("payment labels", () => {
  it("names a fee the admin settled by hand, never as awaiting payment", () => {
    expect(paymentStateLabel(payment("PAID_OUTSIDE"), confirmed, now)).toBe("Paid outside the app");
    expect(paymentStateLabel(payment("WAIVED"), confirmed, now)).toBe("Fee waived");
  });

  it("says refunded, with the amount, instead of paid", () => {
    expect(paymentStateLabel(payment("REFUNDED", 1000), { status: "CANCELLED" }, now)).toBe("Refunded $10");
    expect(paymentStateLabel(payment("PARTIALLY_REFUNDED", 300), confirmed, now)).toBe("Partially refunded: $3 of $10");
    expect(paymentStateLabel(payment("SUCCEEDED"), confirmed, now)).toBe("Paid");
    // A refund recorded before the status caught up still counts.
    expect(paymentState(payment("SUCCEEDED", 1000), confirmed, now)).toBe("refunded");
  });

  it("says the hold lapsed rather than awaiting payment once it can no longer be paid", () => {
    expect(paymentStateLabel(payment("REQUIRES_PAYMENT"), { status: "EXPIRED" }, now)).toBe("Hold lapsed, not paid");
    expect(paymentState(payment("FAILED"), { status: "CANCELLED" }, now)).toBe("hold_lapsed");
    const lapsed = { status: "PENDING_PAYMENT", holdExpiresAt: new Date("2027-01-13T14:59:00Z") };
    expect(paymentState(payment("REQUIRES_PAYMENT"), lapsed, now)).toBe("hold_lapsed");
    const live = { status: "PENDING_PAYMENT", holdExpiresAt: new Date("2027-01-13T15:05:00Z") };
    expect(paymentStateLabel(payment("REQUIRES_PAYMENT"), live, now)).toBe("Awaiting payment");
    expect(paymentStateLabel(payment("PROCESSING"), live, now)).toBe("Processing");
    expect(paymentStateLabel(null, confirmed, now)).toBe("No payment");
    expect(paymentStateLabel(payment("CANCELED"), { status: "EXPIRED" }, now)).toBe("Canceled, not paid");
  });
});

describe("authorise then capture labels (ADR 120)", () => {
  it("says a held card is not yet charged, a release charged nothing, and a failed capture lost the fee", () => {
    expect(paymentState(payment("AUTHORIZED"), confirmed, now)).toBe("authorized");
    expect(paymentStateLabel(payment("AUTHORIZED"), confirmed, now)).toBe("Authorised $10, not yet charged");
    expect(paymentState(payment("RELEASED"), { status: "CANCELLED" }, now)).toBe("released");
    expect(paymentStateLabel(payment("RELEASED"), { status: "CANCELLED" }, now)).toBe("Released, nothing charged");
    expect(paymentState(payment("CAPTURE_FAILED"), confirmed, now)).toBe("capture_failed");
    expect(paymentStateLabel(payment("CAPTURE_FAILED"), confirmed, now)).toBe("Fee lost: capture failed");
  });
});
