import "server-only";
import { subDays } from "date-fns";
import { getDb } from "@/lib/db";
import type { PaymentStatus } from "@/lib/db/generated/enums";
import { formatMoney as money } from "@/lib/format";
import { isProviderError, type IntentView } from "./gateway";
import { requireGateway } from "./gateway-registry";

// Compares Stripe's PaymentIntents with our Payment rows, for an operator to run daily
// (scripts/reconcile-payments.ts). Read-only: it reports, it never repairs. It knows the
// authorise-then-capture states too (ADR 121): authorised, captured, released and expired.

export type DiscrepancyKind =
  /** Stripe took the money, but no booking was ever confirmed for it and nothing was refunded. */
  | "paid_without_booking"
  /** We have a Stripe payment row whose intent Stripe does not know. */
  | "unknown_to_stripe"
  /** Amount or currency differ between Stripe and our row. */
  | "amount_mismatch"
  /** Stripe's refunded total differs from ours. */
  | "refund_mismatch"
  /** Our payment's status is not what Stripe's intent says (e.g. succeeded here, failed or refunded there). */
  | "status_mismatch"
  /** A booking is confirmed on an intent Stripe never took the money for (cancelled, unpaid). */
  | "booking_without_payment"
  /** Our row is AUTHORIZED but Stripe cancelled the intent (authorisation expired, or cancelled in the dashboard). */
  | "authorization_lost"
  /** Stripe captured the intent but our row still says AUTHORIZED (or capture failed). */
  | "capture_not_recorded"
  /** Stripe holds an authorisation our row does not know (or says it released). */
  | "authorization_not_recorded"
  /** Stripe holds the visitor's card for a booking that was never confirmed, and nobody released it. */
  | "authorized_without_booking";

export type Discrepancy = { kind: DiscrepancyKind; intentId: string; bookingId: string | null; detail: string };

export type ReconcileReport = { since: Date; intentsChecked: number; paymentsChecked: number; discrepancies: Discrepancy[] };

type Row = {
  id: string;
  bookingId: string;
  providerPaymentId: string;
  amountCents: number;
  currency: string;
  refundedCents: number;
  status: PaymentStatus;
  booking: { confirmedAt: Date | null; status: string };
};

// The booking states that stand on a payment having been taken.
const CONFIRMED_BOOKING = new Set(["CONFIRMED", "COMPLETED", "NO_SHOW"]);

/** The payment statuses that agree with Stripe's intent (a webhook may still be on its way for the open ones). */
function statusesFor(intent: IntentView): PaymentStatus[] {
  switch (intent.status) {
    case "succeeded":
      if (intent.refundedCents >= intent.amountCents) return ["REFUNDED"];
      return intent.refundedCents > 0 ? ["PARTIALLY_REFUNDED"] : ["SUCCEEDED"];
    case "canceled":
      // An authorisation cancelled after confirming (released) or lapsed uncaptured (lost).
      return intent.captureMethod === "manual" ? ["CANCELED", "RELEASED", "CAPTURE_FAILED"] : ["CANCELED"];
    case "requires_capture":
      return ["AUTHORIZED"];
    case "processing":
      return ["PROCESSING", "REQUIRES_PAYMENT"];
    case "requires_payment":
      return ["REQUIRES_PAYMENT", "FAILED"];
  }
}

/** The authorise-then-capture cases (ADR 121), which say more than a plain status mismatch. */
function authorizationDiscrepancy(intent: IntentView, row: Row | undefined): { kind: DiscrepancyKind; detail: string } | null {
  const amount = money(intent.amountCents, intent.currency);
  if (intent.status === "requires_capture" && !row?.booking.confirmedAt) {
    const where = row ? `booking is ${row.booking.status.toLowerCase()}` : "no payment row";
    return { kind: "authorized_without_booking", detail: `${amount} authorised and held on the card; ${where}; not released` };
  }
  if (!row) return null;
  if (intent.status === "requires_capture" && row.status !== "AUTHORIZED") {
    return { kind: "authorization_not_recorded", detail: `Stripe holds ${amount} authorised, app has ${row.status.toLowerCase()}` };
  }
  if (intent.status === "succeeded" && (row.status === "AUTHORIZED" || row.status === "CAPTURE_FAILED")) {
    return { kind: "capture_not_recorded", detail: `Stripe captured ${amount}, app has ${row.status.toLowerCase()}` };
  }
  if (intent.status === "canceled" && row.status === "AUTHORIZED") {
    return {
      kind: "authorization_lost",
      detail: `Stripe cancelled the authorisation of ${amount} uncaptured; app still has it authorised`,
    };
  }
  return null;
}

// Rows whose confirmed booking knowingly stands without a charge: released or lost (the admin was told).
const KNOWN_UNCHARGED = new Set<PaymentStatus>(["RELEASED", "CAPTURE_FAILED"]);

function compare(intent: IntentView, row: Row | undefined): Discrepancy[] {
  const found: Discrepancy[] = [];
  const base = { intentId: intent.id, bookingId: row?.bookingId ?? intent.bookingId };
  if (intent.status === "succeeded" && intent.refundedCents === 0 && !row?.booking.confirmedAt) {
    const where = row ? `booking is ${row.booking.status.toLowerCase()}` : "no payment row";
    found.push({
      ...base,
      kind: "paid_without_booking",
      detail: `${money(intent.amountCents, intent.currency)} charged; ${where}; nothing refunded`,
    });
  }
  const authorization = found.length === 0 ? authorizationDiscrepancy(intent, row) : null;
  if (authorization) found.push({ ...base, ...authorization });
  if (!row) return found;
  // Money without a booking, or an authorisation case, already says the row lags behind Stripe.
  const expected = statusesFor(intent);
  if (found.length === 0 && !expected.includes(row.status)) {
    found.push({
      ...base,
      kind: "status_mismatch",
      detail: `Stripe says ${intent.status.replace("_", " ")}, app has ${row.status.toLowerCase()}`,
    });
  }
  const secured = intent.status === "succeeded" || intent.status === "requires_capture";
  if (!secured && !authorization && !KNOWN_UNCHARGED.has(row.status) && CONFIRMED_BOOKING.has(row.booking.status)) {
    found.push({
      ...base,
      kind: "booking_without_payment",
      detail: `booking is ${row.booking.status.toLowerCase()} but Stripe has the intent as ${intent.status.replace("_", " ")}: no money taken`,
    });
  }
  if (row.amountCents !== intent.amountCents || row.currency !== intent.currency) {
    found.push({
      ...base,
      kind: "amount_mismatch",
      detail: `Stripe ${money(intent.amountCents, intent.currency)}, app ${money(row.amountCents, row.currency)}`,
    });
  }
  // An uncaptured charge shows its released authorisation as "refunded": no money, no refund.
  const providerRefunded = intent.captureMethod === "manual" && intent.amountReceivedCents === 0 ? 0 : intent.refundedCents;
  if (row.refundedCents !== providerRefunded) {
    found.push({
      ...base,
      kind: "refund_mismatch",
      detail: `Stripe refunded ${money(providerRefunded, intent.currency)}, app recorded ${money(row.refundedCents, row.currency)}`,
    });
  }
  return found;
}

export async function reconcilePayments(options: { since?: Date; onProgress?: (fetched: number) => void } = {}): Promise<ReconcileReport> {
  const since = options.since ?? subDays(new Date(), 30);
  const g = requireGateway();
  const db = await getDb();
  const rows: Row[] = await db.payment.findMany({
    where: { provider: "STRIPE", createdAt: { gte: since } },
    select: {
      id: true,
      bookingId: true,
      providerPaymentId: true,
      amountCents: true,
      currency: true,
      refundedCents: true,
      status: true,
      booking: { select: { confirmedAt: true, status: true } },
    },
  });
  const byIntent = new Map(rows.map((r) => [r.providerPaymentId, r]));
  const discrepancies: Discrepancy[] = [];
  const seen = new Set<string>();
  let intentsChecked = 0;

  for await (const intent of g.listIntents({ createdSince: since, onProgress: options.onProgress })) {
    intentsChecked++;
    seen.add(intent.id);
    const row = byIntent.get(intent.id);
    // Intents nobody could pay (hold released before the row was stored) are not money;
    // a stray authorisation is, for as long as it holds the card.
    if (!row && intent.status !== "succeeded" && intent.status !== "requires_capture") continue;
    discrepancies.push(...compare(intent, row));
  }

  // Rows whose intent the listing did not return (e.g. created just before the window).
  for (const row of rows) {
    if (seen.has(row.providerPaymentId)) continue;
    try {
      discrepancies.push(...compare(await g.retrieveIntent(row.providerPaymentId), row));
    } catch (error) {
      if (!isProviderError(error, "not_found")) throw error;
      discrepancies.push({
        kind: "unknown_to_stripe",
        intentId: row.providerPaymentId,
        bookingId: row.bookingId,
        detail: `payment row ${row.id} (${money(row.amountCents, row.currency)}) has no PaymentIntent in Stripe`,
      });
    }
  }
  return { since, intentsChecked, paymentsChecked: rows.length, discrepancies };
}
