import { randomBytes } from "node:crypto";

// The fake's records: PaymentIntents, their charge, refunds and the events Stripe would
// send. Shapes follow the Stripe API closely enough for the real SDK and the app's
// mapping; fields the app never reads are left out.

export type FakeIntentStatus =
  "requires_payment_method" | "requires_confirmation" | "requires_action" | "processing" | "requires_capture" | "succeeded" | "canceled";

export type CaptureMethod = "automatic" | "automatic_async" | "manual";

export type PaymentError = { type: "card_error"; code: string; decline_code?: string; message: string };

export type FakeIntent = {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_received: number;
  /** What a capture can still take: the authorised amount while requires_capture, else 0. */
  amount_capturable: number;
  capture_method: CaptureMethod;
  currency: string;
  status: FakeIntentStatus;
  client_secret: string;
  metadata: Record<string, string>;
  created: number;
  latest_charge: string | null;
  last_payment_error: PaymentError | null;
  automatic_payment_methods: { enabled: boolean } | null;
  canceled_at: number | null;
  cancellation_reason: string | null;
  livemode: false;
};

export type FakeCharge = {
  id: string;
  object: "charge";
  amount: number;
  amount_refunded: number;
  currency: string;
  payment_intent: string;
  refunded: boolean;
  paid: boolean;
  /** False while a manual-capture authorisation waits; an uncaptured charge is released, not refunded. */
  captured: boolean;
  amount_captured: number;
  status: "succeeded";
  payment_method_details: { type: "card"; card: { capture_before: number | null } };
  created: number;
  livemode: false;
};

export type FakeRefund = {
  id: string;
  object: "refund";
  amount: number;
  currency: string;
  charge: string;
  payment_intent: string;
  status: "succeeded" | "pending" | "failed";
  metadata: Record<string, string>;
  reason: string | null;
  created: number;
};

export type FakeEvent = {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  type: string;
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  data: { object: unknown };
};

/** A Stripe-style API error, answered as { error: {...} } with its HTTP status. */
export class FakeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { type: string; code?: string; decline_code?: string; message: string; param?: string },
  ) {
    super(body.message);
  }
}

export const FAKE_API_VERSION = "2026-10-28.endive";

// Stripe's documented test payment methods, and what confirming with each does here.
export const TEST_PAYMENT_METHODS: Record<string, "succeeded" | "processing" | PaymentError> = {
  pm_card_visa: "succeeded",
  pm_card_mastercard: "succeeded",
  pm_card_visa_debit: "succeeded",
  pm_usBankAccount: "processing",
  pm_card_chargeDeclined: {
    type: "card_error",
    code: "card_declined",
    decline_code: "generic_decline",
    message: "Your card was declined.",
  },
  pm_card_visa_chargeDeclined: {
    type: "card_error",
    code: "card_declined",
    decline_code: "generic_decline",
    message: "Your card was declined.",
  },
  pm_card_chargeDeclinedInsufficientFunds: {
    type: "card_error",
    code: "card_declined",
    decline_code: "insufficient_funds",
    message: "Your card has insufficient funds.",
  },
  pm_card_chargeDeclinedExpiredCard: { type: "card_error", code: "expired_card", message: "Your card has expired." },
};

// Real Stripe can cancel a processing intent only "in rare cases"; the fake never does. An
// authorisation (requires_capture) can be cancelled: the hold is released, nothing is charged.
const CANCELABLE: FakeIntentStatus[] = ["requires_payment_method", "requires_confirmation", "requires_action", "requires_capture"];

/** Online card authorisations last about 7 days (Stripe: "place a hold on a payment method"). */
export const AUTHORIZATION_VALIDITY_SECONDS = 7 * 24 * 3600;

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("hex")}`;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export class FakeStripeState {
  intents = new Map<string, FakeIntent>();
  charges = new Map<string, FakeCharge>();
  refunds = new Map<string, FakeRefund>();
  events: FakeEvent[] = [];
  /** Called with every event Stripe would deliver (the server may forward it to a webhook URL). */
  onEvent: ((event: FakeEvent) => void) | null = null;
  private sequence = 0;
  private order = new Map<string, number>();
  /** Seconds since the epoch for new objects; tests may move it. */
  clock: () => number = () => Math.floor(Date.now() / 1000);

  reset(): void {
    this.intents.clear();
    this.charges.clear();
    this.refunds.clear();
    this.events = [];
    this.order.clear();
    this.declineOnCapture.clear();
    this.authorizationValiditySeconds = AUTHORIZATION_VALIDITY_SECONDS;
  }

  private emit(type: string, object: unknown): FakeEvent {
    const event: FakeEvent = {
      id: newId("evt"),
      object: "event",
      api_version: FAKE_API_VERSION,
      created: this.clock(),
      type,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object: clone(object) },
    };
    this.events.push(event);
    this.onEvent?.(event);
    return event;
  }

  intent(id: string): FakeIntent {
    const intent = this.intents.get(id);
    if (!intent) {
      throw new FakeApiError(404, {
        type: "invalid_request_error",
        code: "resource_missing",
        param: "intent",
        message: `No such payment_intent: '${id}'`,
      });
    }
    return intent;
  }

  createIntent(input: {
    amount: number;
    currency: string;
    metadata: Record<string, string>;
    automaticPaymentMethods: boolean;
    captureMethod?: string;
  }): FakeIntent {
    const captureMethod = input.captureMethod ?? "automatic";
    if (!["automatic", "automatic_async", "manual"].includes(captureMethod)) {
      throw new FakeApiError(400, {
        type: "invalid_request_error",
        code: "parameter_invalid_enum",
        param: "capture_method",
        message: "Invalid capture_method: must be one of automatic, automatic_async or manual",
      });
    }
    if (!Number.isInteger(input.amount) || input.amount < 1) {
      throw new FakeApiError(400, {
        type: "invalid_request_error",
        code: "parameter_invalid_integer",
        param: "amount",
        message: "Invalid amount",
      });
    }
    if (!/^[a-z]{3}$/.test(input.currency)) {
      throw new FakeApiError(400, {
        type: "invalid_request_error",
        code: "parameter_invalid",
        param: "currency",
        message: "Invalid currency",
      });
    }
    const id = newId("pi");
    const intent: FakeIntent = {
      id,
      object: "payment_intent",
      amount: input.amount,
      amount_received: 0,
      amount_capturable: 0,
      capture_method: captureMethod as CaptureMethod,
      currency: input.currency,
      status: "requires_payment_method",
      client_secret: `${id}_secret_${randomBytes(12).toString("hex")}`,
      metadata: input.metadata,
      created: this.clock(),
      latest_charge: null,
      last_payment_error: null,
      automatic_payment_methods: input.automaticPaymentMethods ? { enabled: true } : null,
      canceled_at: null,
      cancellation_reason: null,
      livemode: false,
    };
    this.intents.set(id, intent);
    this.order.set(id, ++this.sequence);
    this.emit("payment_intent.created", intent);
    return intent;
  }

  /**
   * What Stripe.js does when the visitor submits the Payment Element: confirm with a
   * payment method. Declines answer 402 like the real API (and leave the intent retryable).
   */
  confirmIntent(id: string, paymentMethod = "pm_card_visa"): FakeIntent {
    const intent = this.intent(id);
    if (!["requires_payment_method", "requires_confirmation", "requires_action"].includes(intent.status)) {
      throw new FakeApiError(400, {
        type: "invalid_request_error",
        code: "payment_intent_unexpected_state",
        message: `This PaymentIntent's status is ${intent.status}, so it cannot be confirmed.`,
      });
    }
    const outcome = TEST_PAYMENT_METHODS[paymentMethod];
    if (!outcome) {
      throw new FakeApiError(400, {
        type: "invalid_request_error",
        code: "resource_missing",
        param: "payment_method",
        message: `No such PaymentMethod: '${paymentMethod}'`,
      });
    }
    if (outcome === "succeeded") return this.succeed(intent);
    if (outcome === "processing") {
      intent.status = "processing";
      intent.last_payment_error = null;
      this.emit("payment_intent.processing", intent);
      return intent;
    }
    this.fail(intent, outcome);
    throw new FakeApiError(402, { ...outcome });
  }

  /** Finishes a processing intent (a bank debit clearing or bouncing). */
  settleProcessing(id: string, outcome: "succeeded" | "failed"): FakeIntent {
    const intent = this.intent(id);
    if (intent.status !== "processing") throw new Error(`intent ${id} is ${intent.status}, not processing`);
    if (outcome === "succeeded") return this.succeed(intent);
    this.fail(intent, { type: "card_error", code: "payment_method_provider_decline", message: "The payment was declined." });
    return intent;
  }

  private succeed(intent: FakeIntent): FakeIntent {
    const manual = intent.capture_method === "manual";
    const charge: FakeCharge = {
      id: newId("ch"),
      object: "charge",
      amount: intent.amount,
      amount_refunded: 0,
      currency: intent.currency,
      payment_intent: intent.id,
      refunded: false,
      paid: true,
      captured: !manual,
      amount_captured: manual ? 0 : intent.amount,
      status: "succeeded",
      payment_method_details: {
        type: "card",
        card: { capture_before: manual ? this.clock() + this.authorizationValiditySeconds : null },
      },
      created: this.clock(),
      livemode: false,
    };
    this.charges.set(charge.id, charge);
    if (manual) {
      intent.status = "requires_capture";
      intent.amount_capturable = intent.amount;
      intent.latest_charge = charge.id;
      intent.last_payment_error = null;
      this.emit("charge.succeeded", charge);
      this.emit("payment_intent.amount_capturable_updated", intent);
      return intent;
    }
    intent.status = "succeeded";
    intent.amount_received = intent.amount;
    intent.latest_charge = charge.id;
    intent.last_payment_error = null;
    this.emit("charge.succeeded", charge);
    this.emit("payment_intent.succeeded", intent);
    return intent;
  }

  private fail(intent: FakeIntent, error: PaymentError): void {
    intent.status = "requires_payment_method";
    intent.last_payment_error = error;
    this.emit("payment_intent.payment_failed", intent);
  }

  cancelIntent(id: string, reason: string | null): FakeIntent {
    const intent = this.intent(id);
    if (!CANCELABLE.includes(intent.status)) {
      throw new FakeApiError(400, {
        type: "invalid_request_error",
        code: "payment_intent_unexpected_state",
        message: `You cannot cancel this PaymentIntent because it has a status of ${intent.status}.`,
      });
    }
    if (intent.status === "requires_capture") this.release(intent);
    intent.status = "canceled";
    intent.canceled_at = this.clock();
    intent.cancellation_reason = reason;
    this.emit("payment_intent.canceled", intent);
    return intent;
  }

  /** An authorisation's charge, released: marked refunded in full, with no Refund object. */
  private release(intent: FakeIntent): void {
    const charge = intent.latest_charge ? this.charges.get(intent.latest_charge) : undefined;
    intent.amount_capturable = 0;
    if (!charge) return;
    charge.amount_refunded = charge.amount;
    charge.refunded = true;
    this.emit("charge.refunded", charge);
  }

  /**
   * POST /v1/payment_intents/:id/capture. Only a requires_capture intent inside its
   * authorisation; at most the authorised amount; a partial capture releases the rest.
   */
  captureIntent(id: string, amountToCapture?: number): FakeIntent {
    const intent = this.intent(id);
    if (intent.status !== "requires_capture") {
      throw new FakeApiError(400, {
        type: "invalid_request_error",
        code: "payment_intent_unexpected_state",
        message: `This PaymentIntent could not be captured because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
      });
    }
    const charge = this.charges.get(intent.latest_charge!)!;
    const amount = amountToCapture ?? intent.amount_capturable;
    if (!Number.isInteger(amount) || amount < 1 || amount > intent.amount_capturable) {
      throw new FakeApiError(400, {
        type: "invalid_request_error",
        code: "amount_too_large",
        param: "amount_to_capture",
        message: `The amount to capture (${amount}) is greater than the amount capturable (${intent.amount_capturable}).`,
      });
    }
    if (this.declineOnCapture.has(id)) {
      this.declineOnCapture.delete(id);
      throw new FakeApiError(402, {
        type: "card_error",
        code: "card_declined",
        decline_code: "generic_decline",
        message: "Your card was declined.",
      });
    }
    charge.captured = true;
    charge.amount_captured = amount;
    charge.amount_refunded = charge.amount - amount;
    intent.status = "succeeded";
    intent.amount_received = amount;
    intent.amount_capturable = 0;
    this.emit("charge.captured", charge);
    this.emit("payment_intent.succeeded", intent);
    return intent;
  }

  /** Intents whose next capture the issuer declines (a test sets this). */
  declineOnCapture = new Set<string>();
  /** How long a new authorisation lasts; tests shorten it to see expiry. */
  authorizationValiditySeconds = AUTHORIZATION_VALIDITY_SECONDS;

  /**
   * What Stripe does when an authorisation passes capture_before uncaptured: the intent is
   * cancelled (cancellation_reason "automatic") and the charge expires. Tests call it after
   * moving the clock; returns the ids it expired.
   */
  expireAuthorizations(): string[] {
    const expired: string[] = [];
    for (const intent of this.intents.values()) {
      if (intent.status !== "requires_capture") continue;
      const charge = this.charges.get(intent.latest_charge!)!;
      const before = charge.payment_method_details.card.capture_before;
      if (before === null || before > this.clock()) continue;
      intent.amount_capturable = 0;
      charge.amount_refunded = charge.amount;
      charge.refunded = true;
      intent.status = "canceled";
      intent.canceled_at = this.clock();
      intent.cancellation_reason = "automatic";
      this.emit("charge.expired", charge);
      this.emit("payment_intent.canceled", intent);
      expired.push(intent.id);
    }
    return expired;
  }

  createRefund(input: { paymentIntent: string; amount?: number; metadata: Record<string, string>; reason: string | null }): FakeRefund {
    const intent = this.intent(input.paymentIntent);
    const charge = intent.latest_charge ? this.charges.get(intent.latest_charge) : undefined;
    if (intent.status !== "succeeded" || !charge) {
      throw new FakeApiError(400, {
        type: "invalid_request_error",
        code: "charge_not_refundable",
        message: "This PaymentIntent does not have a successful charge to refund.",
      });
    }
    const remaining = charge.amount - charge.amount_refunded;
    if (remaining === 0) {
      throw new FakeApiError(400, {
        type: "invalid_request_error",
        code: "charge_already_refunded",
        message: `Charge ${charge.id} has already been refunded.`,
      });
    }
    const amount = input.amount ?? remaining;
    if (!Number.isInteger(amount) || amount < 1 || amount > remaining) {
      throw new FakeApiError(400, {
        type: "invalid_request_error",
        code: "amount_too_large",
        param: "amount",
        message: `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`,
      });
    }
    const refund: FakeRefund = {
      id: newId("re"),
      object: "refund",
      amount,
      currency: charge.currency,
      charge: charge.id,
      payment_intent: intent.id,
      status: "succeeded",
      metadata: input.metadata,
      reason: input.reason,
      created: this.clock(),
    };
    this.refunds.set(refund.id, refund);
    this.order.set(refund.id, ++this.sequence);
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    this.emit("refund.created", refund);
    this.emit("charge.refunded", charge);
    return refund;
  }

  /** Newest first, like Stripe's list endpoints. */
  sorted<T extends { id: string; created: number }>(items: Iterable<T>): T[] {
    return [...items].sort((a, b) => b.created - a.created || (this.order.get(b.id) ?? 0) - (this.order.get(a.id) ?? 0));
  }

  /** The intent as the API returns it, with latest_charge expanded when asked. */
  render(intent: FakeIntent, expandCharge: boolean): unknown {
    const copy = clone(intent) as Omit<FakeIntent, "latest_charge"> & { latest_charge: string | FakeCharge | null };
    if (expandCharge && intent.latest_charge) copy.latest_charge = clone(this.charges.get(intent.latest_charge)!);
    return copy;
  }

  lastEvent(type: string, intentId?: string): FakeEvent {
    const match = [...this.events].reverse().find((e) => {
      if (e.type !== type) return false;
      if (!intentId) return true;
      const o = e.data.object as { id?: string; payment_intent?: string };
      return o.id === intentId || o.payment_intent === intentId;
    });
    if (!match) throw new Error(`no ${type} event${intentId ? ` for ${intentId}` : ""}`);
    return match;
  }
}
