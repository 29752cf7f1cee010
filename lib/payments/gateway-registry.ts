import "server-only";
import { paymentMode } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import type { PaymentGateway } from "./gateway";
import { createStripeGateway } from "./stripe/stripe-gateway";

const globalForGateway = globalThis as unknown as { __paymentGatewayOverride?: PaymentGateway };

/** The Stripe gateway, or null in demo mode. Cheap: the Stripe client itself is shared. */
export function gateway(): PaymentGateway | null {
  if (globalForGateway.__paymentGatewayOverride) return globalForGateway.__paymentGatewayOverride;
  if (paymentMode() !== "stripe") return null;
  return createStripeGateway();
}

export function requireGateway(): PaymentGateway {
  const g = gateway();
  if (!g) throw new AppError("misconfigured", "Card payments are not configured.");
  return g;
}

/** Tests swap in a gateway built on a fake Stripe server. */
export function useGatewayForTests(g: PaymentGateway | undefined): void {
  globalForGateway.__paymentGatewayOverride = g;
}
