import { describe, expect, it } from "vitest";
import { capturePlanReasonLabel, feeOutcomeSentence, feeTimingFacts, feeTimingSentence } from "./fee-timing";

const fee = { amountCents: 1000, currency: "usd" };
const zone = "America/New_York";
const captureAt = new Date("2027-01-22T15:00:00Z"); // 10 AM in New York
const row = (status: string, extra: object = {}) => ({ status, ...fee, ...extra });

describe("fee timing wording (ADR 130)", () => {
  it("says before paying whether the card is charged now or authorised and charged at the deadline, in the given zone", () => {
    expect(feeTimingSentence({ kind: "charge_now" }, fee, zone)).toBe("Your card is charged $10 now.");
    expect(feeTimingSentence({ kind: "authorize", captureAt }, fee, zone)).toBe(
      "Your card is authorised for $10 now and charged on Friday, January 22, 2027 at 10:00 AM EST unless you cancel before then.",
    );
    // Plans crossing the server/client boundary arrive as ISO strings.
    expect(feeTimingSentence({ kind: "authorize", captureAt: captureAt.toISOString() }, fee, "UTC")).toContain(
      "charged on Friday, January 22, 2027 at 3:00 PM UTC",
    );
  });

  it("tells the visitor after paying what happened to the card", () => {
    expect(feeOutcomeSentence(row("AUTHORIZED", { captureAt }), zone)).toBe(
      "Your card is authorised for $10 and will be charged on Friday, January 22, 2027 at 10:00 AM EST unless you cancel before then.",
    );
    expect(feeOutcomeSentence(row("RELEASED"), zone)).toBe("Your card authorisation is released; nothing was charged.");
    expect(feeOutcomeSentence(row("SUCCEEDED", { capturedAt: captureAt }), zone)).toBe(
      "$10 charged on Friday, January 22, 2027 at 10:00 AM EST.",
    );
    expect(feeOutcomeSentence(row("REQUIRES_PAYMENT"), zone)).toBeNull();
    expect(feeOutcomeSentence(null, zone)).toBeNull();
  });

  it("gives admin the short facts for each state", () => {
    const until = new Date("2027-01-20T15:00:00Z");
    expect(feeTimingFacts(row("AUTHORIZED", { captureAt, authorizedUntil: until }), "UTC")).toEqual([
      "authorised until Wednesday, January 20, 2027 at 3:00 PM UTC",
      "will be charged on Friday, January 22, 2027 at 3:00 PM UTC",
    ]);
    expect(feeTimingFacts(row("SUCCEEDED", { succeededAt: captureAt }), "UTC")).toEqual([
      "charged on Friday, January 22, 2027 at 3:00 PM UTC",
    ]);
    expect(feeTimingFacts(row("RELEASED"), "UTC")).toEqual(["released (nothing was charged)"]);
    expect(feeTimingFacts(row("CAPTURE_FAILED"), "UTC")).toEqual(["capture failed: fee not collected"]);
    expect(feeTimingFacts(row("FAILED"), "UTC")).toEqual([]);
  });

  it("names the path the server chose and why", () => {
    expect(capturePlanReasonLabel("refund_deadline")).toBe("authorise: captured at the refund deadline");
    expect(capturePlanReasonLabel("deadline_passed")).toBe("charge now: booked inside the refund window");
    expect(capturePlanReasonLabel(null)).toBeNull();
  });
});
