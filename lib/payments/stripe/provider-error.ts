import "server-only";
import Stripe from "stripe";
import { PaymentProviderError } from "../gateway";

// Stripe's error classes become one typed error. Anything we cannot classify counts as
// "unavailable": the caller keeps its state and retries with the same idempotency key.
export function toProviderError(error: unknown): PaymentProviderError {
  if (error instanceof PaymentProviderError) return error;
  if (!(error instanceof Stripe.errors.StripeError)) return new PaymentProviderError("unavailable", null, error);
  const code = error.code ?? null;
  if (error instanceof Stripe.errors.StripeCardError) return new PaymentProviderError("declined", error.decline_code ?? code, error);
  if (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeRateLimitError ||
    // A revoked or wrong key is an operator problem: keep state and retry once it is fixed.
    error instanceof Stripe.errors.StripeAuthenticationError ||
    error instanceof Stripe.errors.StripePermissionError ||
    (error.statusCode !== undefined && (error.statusCode >= 500 || error.statusCode === 409 || error.statusCode === 429))
  ) {
    return new PaymentProviderError("unavailable", code, error);
  }
  if (error.statusCode === 404 || code === "resource_missing") return new PaymentProviderError("not_found", code, error);
  // Invalid request (e.g. amount too large, already refunded) or an idempotency key reused with other parameters.
  return new PaymentProviderError("rejected", code, error);
}
