// Compares recent Stripe PaymentIntents with the app's payments and lists discrepancies:
// succeeded charges with no confirmed booking and no refund, payment rows Stripe does not
// know, mismatched amounts or refunded totals, payment statuses Stripe contradicts, and
// bookings confirmed on intents Stripe never took money for; and for authorisations (ADR 121):
// one Stripe dropped that the app still counts on, a capture or an authorisation the app did not
// record, and a card held for a booking that was never confirmed. Exits 1 when it finds any.
//   npx tsx scripts/reconcile-payments.ts [--days 30]
import { runScript } from "./lib/run-script";

const USAGE = "usage: npx tsx scripts/reconcile-payments.ts [--days N]   (N: 1-365, default 30)";

function parseDays(args: string[]): number | "help" | null {
  if (args.includes("--help") || args.includes("-h")) return "help";
  if (args.length === 0) return 30;
  const match = args.length === 2 && args[0] === "--days" && /^\d{1,3}$/.test(args[1]!) ? Number(args[1]) : NaN;
  return match >= 1 && match <= 365 ? match : null;
}

await runScript(async () => {
  const days = parseDays(process.argv.slice(2));
  if (days === "help") {
    console.log(USAGE);
    return 0;
  }
  if (days === null) {
    console.error(USAGE);
    return 2;
  }
  const { paymentMode } = await import("../lib/env");
  if (paymentMode() !== "stripe") {
    console.error("reconcile-payments: Stripe is not configured (set STRIPE_SECRET_KEY and NEXT_PUBLIC_STRIPE_PUBLIC_KEY).");
    return 2;
  }
  const { subDays } = await import("date-fns");
  const { reconcilePayments } = await import("../lib/payments/reconcile");
  const report = await reconcilePayments({
    since: subDays(new Date(), days),
    onProgress: (fetched) => console.log(`… ${fetched} PaymentIntents fetched from Stripe`),
  });
  console.log(
    `Checked ${report.intentsChecked} PaymentIntents and ${report.paymentsChecked} payment rows since ${report.since.toISOString()}.`,
  );
  for (const d of report.discrepancies)
    console.log(`DISCREPANCY ${d.kind} intent=${d.intentId} booking=${d.bookingId ?? "-"}: ${d.detail}`);
  console.log(`${report.discrepancies.length} discrepanc${report.discrepancies.length === 1 ? "y" : "ies"}.`);
  return report.discrepancies.length > 0 ? 1 : 0;
});
