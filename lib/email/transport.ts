import "server-only";
import { Resend } from "resend";
import { env, isProduction } from "@/lib/env";
import { log } from "@/lib/log";

// The one module that talks to Resend. With RESEND_API_KEY it sends through the SDK
// (RESEND_BASE_URL points it at a local fake); without it, the dev transport logs the
// email and the outbox row keeps the rendered copy for /admin/emails.

export type TransportName = "resend" | "console";

export type OutgoingEmail = {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  replyTo?: string;
  attachments: { filename: string; content: string; contentType: string }[];
  /** A tag for the provider's dashboard, e.g. the email kind. */
  tag?: string;
};

export type SendReceipt = { transport: TransportName; providerMessageId: string | null };

/** A send that did not go through. `retryable` says whether trying later can help. */
export class EmailDeliveryError extends Error {
  readonly retryable: boolean;
  readonly statusCode: number | null;
  constructor(message: string, options: { retryable: boolean; statusCode?: number | null; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "EmailDeliveryError";
    this.retryable = options.retryable;
    this.statusCode = options.statusCode ?? null;
  }
}

export function sendTimedOut(cause?: unknown): EmailDeliveryError {
  return new EmailDeliveryError("Email provider did not answer in time (send timed out)", { retryable: true, cause });
}

export interface EmailTransport {
  readonly name: TransportName;
  /**
   * The idempotency key makes a repeated call with the same key send at most once. The
   * signal aborts a send the outbox stopped waiting for (lib/email/sender.ts).
   */
  send(email: OutgoingEmail, options: { idempotencyKey: string; signal?: AbortSignal }): Promise<SendReceipt>;
}

type ResendErrorShape = { name?: string; message?: string; statusCode?: number | null };

// Permanent: the request itself is wrong (or was already used for a different body), so
// repeating it cannot succeed. Everything else (network, 429, 5xx, a concurrent request
// with the same key, a key the operator can still fix) is retried with backoff.
const PERMANENT_NAMES = new Set([
  "validation_error",
  "missing_required_field",
  "invalid_parameter",
  "invalid_from_address",
  "invalid_attachment",
  "invalid_idempotency_key",
  "invalid_idempotent_request",
  "not_found",
  "method_not_allowed",
]);

export function classifyResendError(error: ResendErrorShape): EmailDeliveryError {
  const status = typeof error.statusCode === "number" ? error.statusCode : null;
  const name = error.name ?? "unknown_error";
  const permanent = PERMANENT_NAMES.has(name) || (status !== null && [400, 404, 405, 422].includes(status));
  return new EmailDeliveryError(`Resend ${status ?? "network"} ${name}: ${error.message ?? ""}`.trim(), {
    retryable: !permanent,
    statusCode: status,
  });
}

export function resendTransport(apiKey: string, baseUrl?: string): EmailTransport {
  const client = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    name: "resend",
    async send(email, { idempotencyKey, signal }) {
      let result;
      try {
        result = await client.emails.send(
          {
            from: email.from,
            to: [email.to],
            subject: email.subject,
            html: email.html,
            text: email.text,
            ...(email.replyTo ? { replyTo: email.replyTo } : {}),
            ...(email.tag ? { tags: [{ name: "kind", value: email.tag }] } : {}),
            attachments: email.attachments.map((a) => ({
              filename: a.filename,
              // A string is taken as base64 by the API, so plain text goes as bytes.
              content: Buffer.from(a.content, "utf8"),
              contentType: a.contentType,
            })),
          },
          { idempotencyKey, signal },
        );
      } catch (cause) {
        throw new EmailDeliveryError("Resend request failed", { retryable: true, cause });
      }
      // The SDK reports an aborted request as a generic network error; say what happened.
      if (signal?.aborted) throw sendTimedOut(signal.reason);
      if (result.error) throw classifyResendError(result.error);
      return { transport: "resend", providerMessageId: result.data?.id ?? null };
    },
  };
}

export const consoleTransport: EmailTransport = {
  name: "console",
  async send(email, { idempotencyKey }) {
    const note = "RESEND_API_KEY is not set: not sent, kept in the outbox (see /admin/emails)";
    if (isProduction()) {
      // Production logs stay free of addresses and content; the row has the copy.
      log("warn", "email.dev_transport", { note, key: idempotencyKey });
    } else {
      log("info", "email.dev_transport", {
        note,
        key: idempotencyKey,
        to: email.to,
        subject: email.subject,
        attachments: email.attachments.map((a) => a.filename),
        text: email.text,
      });
    }
    return { transport: "console", providerMessageId: null };
  },
};

const globalForTransport = globalThis as unknown as { __emailTransportOverride?: EmailTransport };

/** The transport chosen by env (or a test's override). */
export function emailTransport(): EmailTransport {
  if (globalForTransport.__emailTransportOverride) return globalForTransport.__emailTransportOverride;
  const e = env();
  return e.RESEND_API_KEY ? resendTransport(e.RESEND_API_KEY, e.RESEND_BASE_URL) : consoleTransport;
}

/** Tests swap in a transport that fails on purpose. */
export function useEmailTransportForTests(transport: EmailTransport | undefined): void {
  globalForTransport.__emailTransportOverride = transport;
}
