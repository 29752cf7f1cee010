import { describe, expect, it } from "vitest";
import { parseRefundPolicy } from "@/lib/refund-policy";
import { ASSUMED_AUTHORIZATION_MS, CAPTURE_MARGIN_MS, planCapture, refundDeadline } from "./capture-plan";

const now = new Date("2027-01-13T15:00:00Z");
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);
const policy24 = parseRefundPolicy("hours_before:24");

describe("planCapture", () => {
  it("charges at once when the fee is never refundable", () => {
    expect(planCapture({ policy: parseRefundPolicy("never"), startsAt: hours(72), now })).toEqual({
      kind: "charge_now",
      reason: "not_refundable",
    });
  });

  it("charges at once when the refund deadline has already passed (a meeting inside the refund window)", () => {
    expect(planCapture({ policy: policy24, startsAt: hours(23), now })).toMatchObject({ kind: "charge_now", reason: "deadline_passed" });
    expect(planCapture({ policy: policy24, startsAt: hours(24), now })).toMatchObject({ kind: "charge_now", reason: "deadline_passed" });
  });

  it("authorises and captures at the refund deadline when the authorisation reaches it", () => {
    expect(planCapture({ policy: policy24, startsAt: hours(72), now })).toEqual({
      kind: "authorize",
      captureAt: hours(48),
      reason: "refund_deadline",
    });
  });

  it("captures just before the authorisation lapses when the deadline is beyond it", () => {
    const plan = planCapture({ policy: policy24, startsAt: hours(24 * 20), now });
    expect(plan).toEqual({
      kind: "authorize",
      captureAt: new Date(now.getTime() + ASSUMED_AUTHORIZATION_MS - CAPTURE_MARGIN_MS),
      reason: "authorization_limit",
    });
  });

  it("the deadline exactly at the capture limit is still the deadline", () => {
    const limitHours = (ASSUMED_AUTHORIZATION_MS - CAPTURE_MARGIN_MS) / 3_600_000;
    expect(planCapture({ policy: policy24, startsAt: hours(limitHours + 24), now })).toMatchObject({ reason: "refund_deadline" });
    expect(planCapture({ policy: policy24, startsAt: hours(limitHours + 25), now })).toMatchObject({ reason: "authorization_limit" });
  });

  it("'always' never stops being refundable: capture at the authorisation's limit", () => {
    expect(planCapture({ policy: parseRefundPolicy("always"), startsAt: hours(48), now })).toMatchObject({
      kind: "authorize",
      reason: "authorization_limit",
    });
  });

  it("uses the real capture_before once known, and charges at once when it leaves no useful time", () => {
    const until = hours(29);
    expect(planCapture({ policy: policy24, startsAt: hours(24 * 10), now, authorizedUntil: until })).toMatchObject({
      kind: "charge_now",
      reason: "authorization_too_short",
    });
    expect(planCapture({ policy: policy24, startsAt: hours(40), now, authorizedUntil: until })).toEqual({
      kind: "authorize",
      captureAt: hours(16),
      reason: "refund_deadline",
    });
  });

  it("a reschedule re-plans from the new start: a later deadline moves capture to the authorisation's limit", () => {
    const until = hours(24 * 7);
    const before = planCapture({ policy: policy24, startsAt: hours(72), now, authorizedUntil: until });
    const after = planCapture({ policy: policy24, startsAt: hours(24 * 12), now, authorizedUntil: until });
    expect(before).toMatchObject({ captureAt: hours(48) });
    expect(after).toMatchObject({ captureAt: new Date(until.getTime() - CAPTURE_MARGIN_MS), reason: "authorization_limit" });
  });
});

describe("refundDeadline", () => {
  it("is the start minus the policy's hours, the booking time for 'never', none for 'always'", () => {
    expect(refundDeadline(policy24, hours(50), now)).toEqual(hours(26));
    expect(refundDeadline(parseRefundPolicy("never"), hours(50), now)).toEqual(now);
    expect(refundDeadline(parseRefundPolicy("always"), hours(50), now)).toBeNull();
  });
});
