import "server-only";
import Stripe from "stripe";
import type { ProviderEvent } from "../gateway";

export class WebhookSignatureError extends Error {
  constructor(cause: unknown) {
    super("Stripe webhook signature verification failed", { cause });
    this.name = "WebhookSignatureError";
  }
}

function intentIdOf(object: unknown): string | null {
  if (!object || typeof object !== "object") return null;
  const o = object as { object?: unknown; id?: unknown; payment_intent?: unknown };
  if (o.object === "payment_intent" && typeof o.id === "string") return o.id;
  const pi = o.payment_intent;
  if (typeof pi === "string") return pi;
  if (pi && typeof pi === "object" && typeof (pi as { id?: unknown }).id === "string") return (pi as { id: string }).id;
  return null;
}

/**
 * Verifies the Stripe-Signature header over the raw body (HMAC with the endpoint secret,
 * timestamp within Stripe's default 5-minute tolerance, so a replayed old delivery fails)
 * and returns the event's identity. Throws WebhookSignatureError otherwise.
 */
export function verifyWebhookEvent(rawBody: string, signature: string | null, secret: string): ProviderEvent {
  if (!signature) throw new WebhookSignatureError("missing Stripe-Signature header");
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(rawBody, signature, secret);
  } catch (error) {
    throw new WebhookSignatureError(error);
  }
  return { id: event.id, type: event.type, intentId: intentIdOf(event.data.object), createdAt: new Date(event.created * 1000) };
}
