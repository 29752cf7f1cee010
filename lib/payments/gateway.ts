import { AppError } from "@/lib/errors/app-error";

// The payment provider as the rest of the app sees it. No vendor type crosses this line:
// lib/payments/stripe/ maps Stripe objects to these shapes and Stripe errors to
// PaymentProviderError.

/** `requires_capture`: authorised (manual capture, ADR 120); the card is held, nothing charged yet. */
export type IntentStatus = "requires_payment" | "processing" | "requires_capture" | "succeeded" | "canceled";

export type CaptureMethod = "automatic" | "manual";

export type IntentView = {
  id: string;
  status: IntentStatus;
  amountCents: number;
  currency: string;
  bookingId: string | null;
  /** A visitor-safe reason for the last failed attempt (never the provider's own text). */
  lastError: string | null;
  /** Total refunded on the intent's charge, as the provider reports it. */
  refundedCents: number;
  createdAt: Date;
  captureMethod: CaptureMethod;
  /** What a capture can still take: the authorised amount while requires_capture, else 0. */
  amountCapturableCents: number;
  /** What was actually charged (0 until captured, for manual capture). */
  amountReceivedCents: number;
  /** The charge's capture_before: when the provider drops an uncaptured authorisation. */
  authorizedUntil: Date | null;
};

export type CreatedIntent = { id: string; clientSecret: string; status: IntentStatus };

export type RefundView = {
  id: string;
  status: "succeeded" | "pending" | "failed";
  amountCents: number;
  /** Our Refund row id, carried in the provider's metadata; null for refunds made elsewhere. */
  appRefundId: string | null;
};

/**
 * What went wrong at the provider, in our terms. It is an AppError, so a route that lets
 * it escape answers with a safe message: `unavailable` (network, 5xx, rate limit; worth
 * retrying) is a 503 with Retry-After, `declined` a 402, `rejected`/`not_found` a 503.
 */
export type ProviderErrorKind = "unavailable" | "declined" | "rejected" | "not_found";

const PROVIDER_MESSAGES: Record<ProviderErrorKind, string> = {
  unavailable: "Payments are temporarily unavailable. Please try again in a minute.",
  declined: "The payment was declined.",
  rejected: "The payment could not be processed. Please contact us.",
  not_found: "The payment could not be found. Please contact us.",
};

export class PaymentProviderError extends AppError {
  readonly kind: ProviderErrorKind;
  /** The provider's machine-readable code (e.g. "resource_missing"), for logs and branching. */
  readonly providerCode: string | null;

  constructor(kind: ProviderErrorKind, providerCode: string | null, cause?: unknown) {
    super(kind === "declined" ? "payment_failed" : "payment_provider_unavailable", PROVIDER_MESSAGES[kind], {
      cause,
      retryAfterSeconds: kind === "unavailable" ? 30 : undefined,
    });
    this.name = "PaymentProviderError";
    this.kind = kind;
    this.providerCode = providerCode;
  }
}

export function isProviderError(error: unknown, kind?: ProviderErrorKind): error is PaymentProviderError {
  return error instanceof PaymentProviderError && (kind === undefined || error.kind === kind);
}

export interface PaymentGateway {
  readonly provider: "STRIPE";
  createIntent(input: {
    bookingId: string;
    slotId: string;
    email: string;
    amountCents: number;
    currency: string;
    idempotencyKey: string;
    /** "manual": authorise only; the fee is captured later (capture-plan.ts). Default automatic. */
    captureMethod?: CaptureMethod;
  }): Promise<CreatedIntent>;
  retrieveIntent(id: string): Promise<IntentView>;
  clientSecretFor(id: string): Promise<string>;
  /** Cancels an open intent and returns its state afterwards (an intent that already succeeded stays so). */
  cancelIntent(id: string): Promise<IntentView>;
  /**
   * Captures an authorised intent in full. Declined on capture or authorisation expired is a
   * PaymentProviderError of kind `declined`; an intent already captured answers its state.
   */
  captureIntent(input: { intentId: string; idempotencyKey: string }): Promise<IntentView>;
  refund(input: {
    intentId: string;
    amountCents: number;
    idempotencyKey: string;
    reason?: string;
    appRefundId?: string;
  }): Promise<RefundView>;
  listRefunds(intentId: string): Promise<RefundView[]>;
  /** Every intent created since the given time, newest first, paging through the provider. */
  listIntents(input: { createdSince: Date; onProgress?: (fetched: number) => void }): AsyncIterable<IntentView>;
}

/** A verified webhook event: only its identity. Handlers re-fetch the state it refers to. */
export type ProviderEvent = {
  id: string;
  type: string;
  /** The PaymentIntent the event concerns (for charge events, the charge's intent). */
  intentId: string | null;
  createdAt: Date;
};
