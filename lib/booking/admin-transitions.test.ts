import { describe, expect, it } from "vitest";
import { allowedAdminActions, type AdminBookingFacts } from "./admin-transitions";

const now = new Date("2026-05-01T12:00:00Z");
const later = new Date("2026-05-02T12:00:00Z");
const earlier = new Date("2026-04-30T12:00:00Z");
const facts = (over: Partial<AdminBookingFacts>): AdminBookingFacts => ({
  status: "CONFIRMED",
  startsAt: later,
  requiresPayment: false,
  priceCents: 0,
  reminderSentAt: null,
  ...over,
});
const allowed = (over: Partial<AdminBookingFacts>) =>
  Object.entries(allowedAdminActions(facts(over), now))
    .filter(([, yes]) => yes)
    .map(([name]) => name);

describe("allowedAdminActions", () => {
  it("offers confirm for a free held or expired booking, and settle-and-confirm for a paid one", () => {
    expect(allowed({ status: "PENDING_PAYMENT" })).toEqual(["confirm"]);
    expect(allowed({ status: "EXPIRED" })).toEqual(["confirm"]);
    expect(allowed({ status: "PENDING_PAYMENT", requiresPayment: true, priceCents: 1000 })).toEqual(["settle"]);
    expect(allowed({ status: "EXPIRED", requiresPayment: true, priceCents: 1000 })).toEqual(["settle"]);
    expect(allowed({ status: "CANCELLED", requiresPayment: true, priceCents: 1000 })).toEqual([]);
    expect(allowed({ status: "PENDING_PAYMENT", requiresPayment: true, priceCents: 0 })).toEqual(["confirm"]);
  });

  it("offers a reminder before the start, once", () => {
    expect(allowed({})).toEqual(["remind"]);
    expect(allowed({ reminderSentAt: earlier })).toEqual([]);
  });

  it("offers meeting results once started, and the other result as a correction", () => {
    expect(allowed({ startsAt: earlier })).toEqual(["complete", "noShow"]);
    expect(allowed({ startsAt: earlier, status: "COMPLETED" })).toEqual(["noShow"]);
    expect(allowed({ startsAt: earlier, status: "NO_SHOW" })).toEqual(["complete"]);
    expect(allowed({ startsAt: earlier, status: "CANCELLED" })).toEqual([]);
  });
});
