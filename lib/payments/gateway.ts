// The payment provider as the rest of the app sees it. No vendor type crosses this line:
// lib/payments/stripe/ maps Stripe objects to these shapes.

export type IntentStatus = "requires_payment" | "processing" | "succeeded" | "canceled";

export type IntentView = {
  id: string;
  status: IntentStatus;
  amountCents: number;
  currency: string;
  bookingId: string | null;
  lastError: string | null;
  /** Total refunded on the intent's charge, as the provider reports it. */
  refundedCents: number;
};

export type CreatedIntent = { id: string; clientSecret: string; status: IntentStatus };

export type RefundView = { id: string; status: "succeeded" | "pending" | "failed"; amountCents: number };

export interface PaymentGateway {
  readonly provider: "STRIPE";
  createIntent(input: {
    bookingId: string;
    slotId: string;
    email: string;
    amountCents: number;
    currency: string;
    idempotencyKey: string;
  }): Promise<CreatedIntent>;
  retrieveIntent(id: string): Promise<IntentView>;
  clientSecretFor(id: string): Promise<string>;
  cancelIntent(id: string): Promise<void>;
  refund(input: { intentId: string; amountCents: number; idempotencyKey: string; reason?: string }): Promise<RefundView>;
}
