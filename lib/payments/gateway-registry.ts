import "server-only";
import { paymentMode } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import type { PaymentGateway } from "./gateway";
import { createStripeGateway, type StripeGatewayOptions } from "./stripe/stripe-gateway";

type GatewayFactory = (options: StripeGatewayOptions) => PaymentGateway;

const globalForGateway = globalThis as unknown as { __paymentGatewayOverride?: GatewayFactory };

/**
 * The Stripe gateway, or null in demo mode. Cheap: the Stripe client itself is shared.
 * A visitor request passes its deadline, so its Stripe calls end by it.
 */
export function gateway(options: StripeGatewayOptions = {}): PaymentGateway | null {
  if (globalForGateway.__paymentGatewayOverride) return globalForGateway.__paymentGatewayOverride(options);
  if (paymentMode() !== "stripe") return null;
  return createStripeGateway(undefined, options);
}

export function requireGateway(options: StripeGatewayOptions = {}): PaymentGateway {
  const g = gateway(options);
  if (!g) throw new AppError("misconfigured", "Card payments are not configured.");
  return g;
}

/** Tests swap in a gateway built on a fake Stripe server. */
export function useGatewayForTests(factory: GatewayFactory | undefined): void {
  globalForGateway.__paymentGatewayOverride = factory;
}
