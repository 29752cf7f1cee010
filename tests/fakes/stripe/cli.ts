// Runs the fake Stripe API on its own, for a dev server or e2e run offline:
//   npx tsx tests/fakes/stripe/cli.ts --port 12111 [--forward-to http://localhost:3000/api/webhooks/stripe --secret whsec_test]
// then start the app with STRIPE_API_BASE_URL=http://127.0.0.1:12111 (and the same whsec_ secret).
import { startFakeStripe } from "./server";

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const port = Number(option("port") ?? 12111);
const forwardUrl = option("forward-to");
const secret = option("secret") ?? "whsec_test_fake_0123456789";
const fake = await startFakeStripe({ port, forwardTo: forwardUrl ? { url: forwardUrl, secret } : undefined });
console.log(`fake Stripe API on ${fake.url}${forwardUrl ? `, forwarding events to ${forwardUrl}` : ""}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void fake.close().then(() => process.exit(0)));
}
