import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import Stripe from "stripe";
import { resetEnvCache } from "@/lib/env";
import { useGatewayForTests } from "@/lib/payments/gateway-registry";
import { createStripeClient } from "@/lib/payments/stripe/stripe-client";
import { createStripeGateway } from "@/lib/payments/stripe/stripe-gateway";
import { startFakeStripe, type FakeStripeServer } from "./server";
import type { FakeEvent } from "./state";

// Registers hooks for a test file that runs the app in Stripe mode against the fake:
// keys and webhook secret in env, the real SDK pointed at the fake (no retries, short
// timeout), fresh fake state per test.

export const TEST_STRIPE_ENV = {
  STRIPE_SECRET_KEY: "sk_test_fake_0123456789",
  NEXT_PUBLIC_STRIPE_PUBLIC_KEY: "pk_test_fake_0123456789",
  STRIPE_WEBHOOK_SECRET: "whsec_test_fake_0123456789",
};

export type FakeStripeHandle = {
  readonly fake: FakeStripeServer;
  /** An SDK client on the fake, as a test (or "the browser") uses it. */
  readonly sdk: Stripe;
  /** Confirms an intent with a test payment method, as Stripe.js would. Declines resolve, not throw. */
  pay(intentId: string, paymentMethod?: string): Promise<void>;
  /** Rebuilds the app's client for the rest of the test, e.g. with production-like retries. */
  useClient(options: { timeoutMs?: number; maxNetworkRetries?: number; baseUrl?: string }): void;
  /** A signed webhook request for an event, as Stripe would POST it. */
  webhookRequest(event: FakeEvent, options?: { secret?: string; timestamp?: number; signature?: string | null; body?: string }): Request;
};

/** The fake of the running test file, for scenario helpers that plant state at "Stripe". */
export let activeFakeStripe: FakeStripeServer | undefined;

export function signedHeader(payload: string, secret: string, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

export function useFakeStripe(options: { timeoutMs?: number } = {}): FakeStripeHandle {
  let fake: FakeStripeServer | undefined;
  let sdk: Stripe | undefined;
  const saved: Record<string, string | undefined> = {};
  const useClient = (client: { timeoutMs?: number; maxNetworkRetries?: number; baseUrl?: string }) => {
    const app = createStripeClient({
      secretKey: TEST_STRIPE_ENV.STRIPE_SECRET_KEY,
      baseUrl: client.baseUrl ?? fake!.url,
      maxNetworkRetries: client.maxNetworkRetries ?? 0,
      timeoutMs: client.timeoutMs ?? options.timeoutMs ?? 1000,
    });
    useGatewayForTests((gatewayOptions) => createStripeGateway(app, gatewayOptions));
  };

  beforeAll(async () => {
    fake = await startFakeStripe();
    sdk = createStripeClient({ secretKey: TEST_STRIPE_ENV.STRIPE_SECRET_KEY, baseUrl: fake.url, maxNetworkRetries: 0, timeoutMs: 2000 });
  });
  beforeEach(() => {
    fake!.reset();
    activeFakeStripe = fake;
    for (const [k, v] of Object.entries({ ...TEST_STRIPE_ENV, STRIPE_API_BASE_URL: fake!.url })) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    resetEnvCache();
    useClient({});
  });
  afterEach(() => {
    useGatewayForTests(undefined);
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvCache();
  });
  afterAll(async () => {
    await fake?.close();
  });

  return {
    get fake() {
      if (!fake) throw new Error("fake Stripe not started (use inside tests)");
      return fake;
    },
    get sdk() {
      if (!sdk) throw new Error("fake Stripe not started (use inside tests)");
      return sdk;
    },
    useClient,
    async pay(intentId, paymentMethod = "pm_card_visa") {
      await sdk!.paymentIntents.confirm(intentId, { payment_method: paymentMethod }).catch((error: unknown) => {
        if (!(error instanceof Stripe.errors.StripeCardError)) throw error;
      });
    },
    webhookRequest(event, opts = {}) {
      const body = opts.body ?? JSON.stringify(event);
      const headers: Record<string, string> = { "content-type": "application/json" };
      const signature =
        opts.signature === undefined
          ? signedHeader(JSON.stringify(event), opts.secret ?? TEST_STRIPE_ENV.STRIPE_WEBHOOK_SECRET, opts.timestamp)
          : opts.signature;
      if (signature !== null) headers["stripe-signature"] = signature;
      return new Request("http://localhost/api/webhooks/stripe", { method: "POST", body, headers });
    },
  };
}
