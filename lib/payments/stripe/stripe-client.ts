import "server-only";
import Stripe from "stripe";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";

// The one Stripe client of this process. The API version is pinned so a Stripe-side
// default change cannot alter the shapes lib/payments/stripe/ maps; upgrading is a code
// change together with the SDK.
export const STRIPE_API_VERSION = "2026-10-28.endive" as const;

export type StripeClientOptions = {
  secretKey: string;
  /** Points the SDK at another server (stripe-mock, the test fake), e.g. http://127.0.0.1:12111. */
  baseUrl?: string;
  /** Retries of network errors and 5xx/409 responses; the SDK adds idempotency keys for them. */
  maxNetworkRetries?: number;
  timeoutMs?: number;
};

function hostOptions(baseUrl: string | undefined) {
  if (!baseUrl) return {};
  const url = new URL(baseUrl);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: Number(url.port || (protocol === "http" ? 80 : 443)), protocol } as const;
}

export function createStripeClient(options: StripeClientOptions): Stripe {
  return new Stripe(options.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    // Well under the webhook and page budgets: a hung Stripe must not hang a request.
    timeout: options.timeoutMs ?? 15_000,
    appInfo: { name: "consult-booking" },
    ...hostOptions(options.baseUrl),
  });
}

const globalForStripe = globalThis as unknown as { __stripeClient?: { key: string; client: Stripe } };

/** The process-wide client built from env (STRIPE_SECRET_KEY, optional STRIPE_API_BASE_URL). */
export function stripeClient(): Stripe {
  const e = env();
  if (!e.STRIPE_SECRET_KEY) throw new AppError("misconfigured", "Card payments are not configured.");
  const key = `${e.STRIPE_SECRET_KEY}|${e.STRIPE_API_BASE_URL ?? ""}`;
  if (globalForStripe.__stripeClient?.key !== key) {
    globalForStripe.__stripeClient = {
      key,
      client: createStripeClient({ secretKey: e.STRIPE_SECRET_KEY, baseUrl: e.STRIPE_API_BASE_URL }),
    };
  }
  return globalForStripe.__stripeClient.client;
}
