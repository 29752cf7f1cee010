import { createHash, randomUUID } from "node:crypto";
import { startJsonServer, type FakeRequest, type FakeResponse } from "../meetings/json-server";

// A fake of the Resend API's POST /emails, for the real `resend` SDK (pointed at it with
// baseUrl). It keeps idempotency like Resend does: the same key with the same body gets
// the first answer and sends nothing; the same key with another body gets a 409.

export type FakeResendEmail = {
  id: string;
  idempotencyKey: string | undefined;
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  reply_to?: string | string[];
  attachments?: { filename: string; content: string; content_type?: string }[];
  tags?: { name: string; value: string }[];
};

export type FakeResend = {
  url: string;
  apiKey: string;
  /** Emails actually "delivered" (one per idempotency key). */
  delivered: FakeResendEmail[];
  requests: FakeRequest[];
  /** The next `count` requests fail with this status ("drop" = connection reset, "hang" = never answered). */
  failNext: (count: number, failure: { status: number; name: string } | "drop" | "hang") => void;
  /** Every request hangs until reset(): Resend accepts connections and never answers. */
  hang: () => void;
  /** Forgets deliveries, idempotency keys and injected failures (between tests). */
  reset: () => void;
  close: () => Promise<void>;
};

/** `latencyMs` delays every answer, like a real provider's round trip (widens race windows). */
export async function startFakeResend(apiKey = "re_test_fake", options: { latencyMs?: number } = {}): Promise<FakeResend> {
  const delivered: FakeResendEmail[] = [];
  const byKey = new Map<string, { hash: string; id: string }>();
  const failures: ({ status: number; name: string } | "drop" | "hang")[] = [];
  let hanging = false;

  const handle = (request: FakeRequest): FakeResponse => {
    if (request.headers.authorization !== `Bearer ${apiKey}`) {
      return { status: 401, json: { statusCode: 401, name: "missing_api_key", message: "Missing API key" } };
    }
    if (request.method !== "POST" || request.url.pathname !== "/emails") {
      return { status: 404, json: { statusCode: 404, name: "not_found", message: "Not found" } };
    }
    if (hanging) return "hang";
    const failure = failures.shift();
    if (failure === "drop" || failure === "hang") return failure;
    if (failure) return { status: failure.status, json: { statusCode: failure.status, name: failure.name, message: "Injected failure" } };

    const key = request.headers["idempotency-key"] as string | undefined;
    const hash = createHash("sha256").update(request.body).digest("hex");
    const seen = key ? byKey.get(key) : undefined;
    if (seen && seen.hash !== hash) {
      return { status: 409, json: { statusCode: 409, name: "invalid_idempotent_request", message: "Same key, different payload" } };
    }
    if (seen) return { status: 200, json: { id: seen.id } };
    const body = JSON.parse(request.body) as Omit<FakeResendEmail, "id" | "idempotencyKey" | "to"> & { to: string | string[] };
    const id = randomUUID();
    if (key) byKey.set(key, { hash, id });
    delivered.push({ ...body, to: Array.isArray(body.to) ? body.to : [body.to], id, idempotencyKey: key });
    return { status: 200, json: { id } };
  };

  const latencyMs = options.latencyMs ?? 0;
  const server = await startJsonServer(
    latencyMs > 0
      ? async (request) => new Promise<FakeResponse>((resolve) => setTimeout(() => resolve(handle(request)), latencyMs))
      : handle,
  );
  return {
    url: server.url,
    apiKey,
    delivered,
    requests: server.requests,
    failNext: (count, failure) => {
      for (let i = 0; i < count; i++) failures.push(failure);
    },
    hang: () => {
      hanging = true;
    },
    reset: () => {
      hanging = false;
      delivered.length = 0;
      server.requests.length = 0;
      byKey.clear();
      failures.length = 0;
    },
    close: server.close,
  };
}
