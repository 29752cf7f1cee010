// Stripe fees lost to refunds in a simulated month, under the old rule (charge at booking,
// refund on cancellation) and the new one (authorise, capture at the refund deadline; issue 18).
// Stripe keeps its processing fee on a refund but charges nothing to cancel an authorisation.
//   npx tsx bench/refund-fees.ts [--bookings 1000] [--cancel-rate 0.2] [--late-rate 0.02]
//     [--percent 2.9] [--fixed-cents 30] [--fee-cents 1000] [--policy hours_before:24] [--window-days 30]
// Deterministic: a seeded generator, so two runs print the same figures.
import { parseArgs } from "node:util";
import { planCapture } from "../lib/payments/capture-plan";
import { parseRefundPolicy } from "../lib/refund-policy";

type Inputs = {
  bookings: number;
  cancelRate: number;
  lateRate: number;
  percent: number;
  fixedCents: number;
  feeCents: number;
  policy: string;
  windowDays: number;
  minNoticeHours: number;
  seed: number;
};

export type FeeSimulation = {
  inputs: Inputs;
  stripeFeeCents: number;
  paths: { chargedNow: number; capturedAtDeadline: number; capturedAtAuthorizationLimit: number };
  old: { refunds: number; feesLostCents: number };
  new: { refunds: number; releases: number; feesLostCents: number };
  savedCents: number;
};

const HOUR = 3_600_000;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Each booking gets a lead time spread evenly over the booking window. A share cancels in time
 * (at a moment spread evenly between booking and the refund deadline) and a share is a late
 * payment whose slot was taken meanwhile (returned at once). The old rule loses Stripe's fee on
 * every one of them; the new one only where the fee had already been captured.
 */
export function simulateRefundFees(inputs: Inputs): FeeSimulation {
  const random = mulberry32(inputs.seed);
  const policy = parseRefundPolicy(inputs.policy);
  const stripeFeeCents = Math.round((inputs.feeCents * inputs.percent) / 100) + inputs.fixedCents;
  const now = new Date("2027-01-04T09:00:00Z");
  const result: FeeSimulation = {
    inputs,
    stripeFeeCents,
    paths: { chargedNow: 0, capturedAtDeadline: 0, capturedAtAuthorizationLimit: 0 },
    old: { refunds: 0, feesLostCents: 0 },
    new: { refunds: 0, releases: 0, feesLostCents: 0 },
    savedCents: 0,
  };
  for (let i = 0; i < inputs.bookings; i++) {
    const leadMs = (inputs.minNoticeHours + random() * (inputs.windowDays * 24 - inputs.minNoticeHours)) * HOUR;
    const startsAt = new Date(now.getTime() + leadMs);
    const plan = planCapture({ policy, startsAt, now });
    if (plan.kind === "charge_now") result.paths.chargedNow++;
    else if (plan.reason === "refund_deadline") result.paths.capturedAtDeadline++;
    else result.paths.capturedAtAuthorizationLimit++;

    const roll = random();
    const returnsAt = (() => {
      if (roll < inputs.lateRate) return now; // late payment, slot taken: the fee goes straight back
      if (roll >= inputs.lateRate + inputs.cancelRate) return null;
      const deadline = policy.kind === "hours_before" ? startsAt.getTime() - policy.hours * HOUR : startsAt.getTime();
      if (policy.kind === "never" || deadline <= now.getTime()) return null; // no refund is due
      return new Date(now.getTime() + random() * (deadline - now.getTime()));
    })();
    if (!returnsAt) continue;
    result.old.refunds++;
    result.old.feesLostCents += stripeFeeCents;
    const captured = plan.kind === "charge_now" || returnsAt >= plan.captureAt;
    if (captured) {
      result.new.refunds++;
      result.new.feesLostCents += stripeFeeCents;
    } else result.new.releases++;
  }
  result.savedCents = result.old.feesLostCents - result.new.feesLostCents;
  return result;
}

const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

export function refundFeesBench(argv: string[] = []): FeeSimulation {
  const { values } = parseArgs({
    args: argv,
    options: {
      bookings: { type: "string", default: "1000" },
      "cancel-rate": { type: "string", default: "0.2" },
      "late-rate": { type: "string", default: "0.02" },
      percent: { type: "string", default: "2.9" },
      "fixed-cents": { type: "string", default: "30" },
      "fee-cents": { type: "string", default: "1000" },
      policy: { type: "string", default: "hours_before:24" },
      "window-days": { type: "string", default: "30" },
      "min-notice-hours": { type: "string", default: "2" },
      seed: { type: "string", default: "17" },
    },
  });
  const sim = simulateRefundFees({
    bookings: Number(values.bookings),
    cancelRate: Number(values["cancel-rate"]),
    lateRate: Number(values["late-rate"]),
    percent: Number(values.percent),
    fixedCents: Number(values["fixed-cents"]),
    feeCents: Number(values["fee-cents"]),
    policy: values.policy,
    windowDays: Number(values["window-days"]),
    minNoticeHours: Number(values["min-notice-hours"]),
    seed: Number(values.seed),
  });
  const i = sim.inputs;
  console.log(
    `Refund fees: ${i.bookings} bookings, ${i.cancelRate * 100}% cancelled in time, ${i.lateRate * 100}% late-payment conflicts, ` +
      `${i.percent}% + ${i.fixedCents}¢ on ${dollars(i.feeCents)} (${dollars(sim.stripeFeeCents)} each), ${i.policy}, ${i.windowDays}-day window`,
  );
  console.log(
    `  paths: ${sim.paths.chargedNow} charged at booking, ${sim.paths.capturedAtDeadline} captured at the refund deadline, ` +
      `${sim.paths.capturedAtAuthorizationLimit} captured at the authorisation's limit`,
  );
  console.log(`  old rule (charge, then refund):   ${sim.old.refunds} refunds, ${dollars(sim.old.feesLostCents)} in fees lost`);
  console.log(
    `  new rule (authorise, capture):    ${sim.new.refunds} refunds, ${sim.new.releases} released authorisations, ` +
      `${dollars(sim.new.feesLostCents)} in fees lost`,
  );
  const ratio = sim.old.feesLostCents ? sim.new.feesLostCents / sim.old.feesLostCents : 0;
  console.log(`  saved ${dollars(sim.savedCents)} a month; new/old fees lost = ${ratio.toFixed(2)}`);
  return sim;
}

if (import.meta.url === `file://${process.argv[1]}`) refundFeesBench(process.argv.slice(2));
