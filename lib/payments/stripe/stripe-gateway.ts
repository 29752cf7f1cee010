import "server-only";
import type { PaymentGateway } from "../gateway";

// Replaced by the Stripe integration (issue 4).
export function createStripeGateway(): PaymentGateway {
  throw new Error("Stripe gateway not implemented yet");
}
