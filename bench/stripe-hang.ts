// How long a visitor waits when Stripe accepts the connection and never answers, with the
// production client settings (15 s per attempt, 2 retries): without a deadline, and with
// the visitor request's budget (STRIPE_REQUEST_BUDGET_MS, default 8 s). About a minute.
//   npx tsx bench/stripe-hang.ts
import "../scripts/lib/bootstrap";

const { startFakeStripe } = await import("../tests/fakes/stripe/server");
const { createStripeClient } = await import("../lib/payments/stripe/stripe-client");
const { createStripeGateway } = await import("../lib/payments/stripe/stripe-gateway");
const { visitorDeadline } = await import("../lib/payments/deadline");

const fake = await startFakeStripe();
fake.outage("timeout");
const client = createStripeClient({ secretKey: "sk_test_bench_0123456789", baseUrl: fake.url });

async function wait(label: string, gateway: ReturnType<typeof createStripeGateway>) {
  const started = performance.now();
  const outcome = await gateway.retrieveIntent("pi_bench").then(
    () => "answered",
    (error: { kind?: string }) => `error ${error.kind ?? "?"}`,
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label.padEnd(34)} ${seconds.toFixed(1).padStart(5)} s  (${outcome})`);
  return seconds;
}

const [before, after] = await Promise.all([
  wait("no deadline (before)", createStripeGateway(client)),
  wait("visitor deadline (after)", createStripeGateway(client, { deadline: visitorDeadline() })),
]);
console.log(`attempts seen by the fake: ${fake.requests.length}; worst-case wait ${before.toFixed(1)} s -> ${after.toFixed(1)} s`);
await fake.close();
process.exit(0);
