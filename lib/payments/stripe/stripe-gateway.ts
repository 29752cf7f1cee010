import "server-only";
import type Stripe from "stripe";
import { withTimeout } from "@/lib/timeout";
import { remainingMs, type Deadline } from "../deadline";
import { PaymentProviderError, type IntentView, type PaymentGateway } from "../gateway";
import { toProviderError } from "./provider-error";
import { stripeClient } from "./stripe-client";
import { METADATA_BOOKING_ID, METADATA_REFUND_ID, toIntentView, toRefundView } from "./stripe-mapping";

// PaymentGateway on Stripe PaymentIntents. Every call maps Stripe errors to
// PaymentProviderError; every write carries an idempotency key, so a retry after a
// timeout returns the object the first attempt created instead of making another.
// With a deadline, every call (SDK retries included) ends by it: the SDK has no abort
// signal, so the call races a timer and an attempt still open finishes unheard.

const EXPAND_CHARGE = ["latest_charge"];

const deadlineExceeded = () =>
  new PaymentProviderError("unavailable", "deadline_exceeded", new Error("Stripe did not answer within the request budget"));

export type StripeGatewayOptions = { deadline?: Deadline };

export function createStripeGateway(client: Stripe = stripeClient(), options: StripeGatewayOptions = {}): PaymentGateway {
  const call = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await (options.deadline ? withTimeout(work(), remainingMs(options.deadline), deadlineExceeded) : work());
    } catch (error) {
      throw toProviderError(error);
    }
  };
  const retrieveIntent = (id: string): Promise<IntentView> =>
    call(async () => toIntentView(await client.paymentIntents.retrieve(id, { expand: EXPAND_CHARGE })));

  return {
    provider: "STRIPE",

    createIntent: (input) =>
      call(async () => {
        const intent = await client.paymentIntents.create(
          {
            amount: input.amountCents,
            currency: input.currency,
            automatic_payment_methods: { enabled: true },
            capture_method: input.captureMethod ?? "automatic",
            metadata: { [METADATA_BOOKING_ID]: input.bookingId, slot_id: input.slotId, email: input.email },
          },
          { idempotencyKey: input.idempotencyKey },
        );
        if (!intent.client_secret) throw new Error("PaymentIntent without client_secret");
        return { id: intent.id, clientSecret: intent.client_secret, status: toIntentView(intent).status };
      }),

    retrieveIntent,

    clientSecretFor: (id) =>
      call(async () => {
        const intent = await client.paymentIntents.retrieve(id);
        if (!intent.client_secret) throw new Error("PaymentIntent without client_secret");
        return intent.client_secret;
      }),

    cancelIntent: async (id) => {
      try {
        return await call(async () => toIntentView(await client.paymentIntents.cancel(id, { expand: EXPAND_CHARGE })));
      } catch (error) {
        // Already canceled, succeeded or processing: Stripe refuses; report the state instead.
        if (toProviderError(error).providerCode === "payment_intent_unexpected_state") return retrieveIntent(id);
        throw error;
      }
    },

    captureIntent: async ({ intentId, idempotencyKey }) => {
      try {
        return await call(async () =>
          toIntentView(await client.paymentIntents.capture(intentId, { expand: EXPAND_CHARGE }, { idempotencyKey })),
        );
      } catch (error) {
        // Captured already (an earlier attempt whose answer was lost) or canceled/expired:
        // report the state, and let the caller tell a capture from a lost authorisation.
        if (toProviderError(error).providerCode === "payment_intent_unexpected_state") return retrieveIntent(intentId);
        throw error;
      }
    },

    refund: (input) =>
      call(async () =>
        toRefundView(
          await client.refunds.create(
            {
              payment_intent: input.intentId,
              amount: input.amountCents,
              metadata: {
                ...(input.appRefundId ? { [METADATA_REFUND_ID]: input.appRefundId } : {}),
                ...(input.reason ? { reason: input.reason.slice(0, 500) } : {}),
              },
            },
            { idempotencyKey: input.idempotencyKey },
          ),
        ),
      ),

    listRefunds: (intentId) =>
      call(async () => {
        const refunds: ReturnType<typeof toRefundView>[] = [];
        for await (const refund of client.refunds.list({ payment_intent: intentId, limit: 100 })) refunds.push(toRefundView(refund));
        return refunds;
      }),

    listIntents: ({ createdSince, onProgress }) => ({
      async *[Symbol.asyncIterator]() {
        const pageSize = 100;
        const pages = client.paymentIntents.list({
          created: { gte: Math.floor(createdSince.getTime() / 1000) },
          limit: pageSize,
          expand: ["data.latest_charge"],
        });
        let fetched = 0;
        const iterator = pages[Symbol.asyncIterator]();
        while (true) {
          const next = await call(() => iterator.next());
          if (next.done) break;
          fetched++;
          // Auto-paging fetches the next page after every pageSize items.
          if (fetched % pageSize === 0) onProgress?.(fetched);
          yield toIntentView(next.value);
        }
        if (fetched % pageSize !== 0 || fetched === 0) onProgress?.(fetched);
      },
    }),
  };
}
