import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { int, list, parseForm, record, str, type Form } from "./form";
import { FakeApiError, FakeStripeState, type FakeEvent } from "./state";

// A small Stripe API over node:http, for the endpoints the app calls:
//   POST /v1/payment_intents, GET /v1/payment_intents[/:id], POST /v1/payment_intents/:id/{confirm,capture,cancel},
//   POST /v1/refunds, GET /v1/refunds[/:id].
// POSTs honour Idempotency-Key (same key and body: the first answer again; other body: 400).
// Failures can be injected: 500s, timeouts (with or without the work being done), outages.
// Manual capture (capture_method=manual): confirm authorises (requires_capture, capture_before
// on the charge), capture charges, cancel releases; authorisations expire on the fake clock.
// Control endpoints under /_fake/ let another process (a dev server, e2e) drive it.

export type FailureKind =
  /** Answer 500 api_error without doing anything. */
  | "500"
  /** Never answer, and do nothing (the client's timeout fires). */
  | "timeout"
  /** Do the work, then never answer: the "did it happen?" case idempotency keys exist for. */
  | "timeout_after_apply";

type Failure = { kind: FailureKind; remaining: number; match?: RegExp };

type Stored = { fingerprint: string; status: number; body: unknown };

export type FakeStripeOptions = {
  port?: number;
  /** Deliver every event, signed, to this URL (like `stripe listen --forward-to`). */
  forwardTo?: { url: string; secret: string };
};

function isAuthorized(header: string | undefined): boolean {
  return !!header && /^Bearer sk_(test|live)_\S+$/.test(header);
}

export class FakeStripeServer {
  readonly state = new FakeStripeState();
  /** Requests received, as "METHOD /path" (for asserting what the app called). */
  readonly requests: string[] = [];
  private server: http.Server | null = null;
  private idempotency = new Map<string, Stored>();
  private failures: Failure[] = [];
  private hung = new Set<http.ServerResponse>();
  private forwardTo: FakeStripeOptions["forwardTo"];
  port = 0;

  constructor(options: FakeStripeOptions = {}) {
    this.forwardTo = options.forwardTo;
    if (this.forwardTo) this.state.onEvent = (event) => void this.forward(event);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<this> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) this.send(res, 500, { error: { type: "api_error", message: `fake failure: ${String(error)}` } });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.hung.clear();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }

  reset(): void {
    this.state.reset();
    this.idempotency.clear();
    this.failures = [];
    this.requests.length = 0;
  }

  /** The next `times` matching requests fail this way. */
  failNext(kind: FailureKind, options: { times?: number; match?: RegExp } = {}): void {
    this.failures.push({ kind, remaining: options.times ?? 1, match: options.match });
  }

  /** Every request fails until restore(): Stripe is down. */
  outage(kind: FailureKind = "500"): void {
    this.failures = [{ kind, remaining: Number.POSITIVE_INFINITY }];
  }

  restore(): void {
    this.failures = [];
  }

  private takeFailure(line: string): FailureKind | null {
    const failure = this.failures.find((f) => f.remaining > 0 && (!f.match || f.match.test(line)));
    if (!failure) return null;
    failure.remaining--;
    return failure.kind;
  }

  private async forward(event: FakeEvent): Promise<void> {
    if (!this.forwardTo) return;
    const payload = JSON.stringify(event);
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: this.forwardTo.secret });
    try {
      await fetch(this.forwardTo.url, {
        method: "POST",
        body: payload,
        headers: { "content-type": "application/json", "stripe-signature": header },
      });
    } catch {
      // Like Stripe, a delivery that fails is simply not acknowledged.
    }
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    const line = `${method} ${url.pathname}`;

    if (url.pathname.startsWith("/_fake/")) return this.control(method, url, raw, res);
    this.requests.push(line);

    const failure = this.takeFailure(line);
    if (failure === "500") return this.send(res, 500, { error: { type: "api_error", message: "An unknown error occurred (injected)." } });
    if (failure === "timeout") return void this.hung.add(res);

    if (!isAuthorized(req.headers.authorization)) {
      return this.send(res, 401, { error: { type: "invalid_request_error", message: "Invalid API Key provided." } });
    }
    const form = parseForm(method === "GET" ? url.search.slice(1) : raw);
    const key = method === "POST" ? (req.headers["idempotency-key"] as string | undefined) : undefined;
    const fingerprint = `${line}\n${raw}`;
    const stored = key ? this.idempotency.get(key) : undefined;
    if (stored) {
      if (stored.fingerprint !== fingerprint) {
        return this.send(res, 400, {
          error: {
            type: "idempotency_error",
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          },
        });
      }
      if (failure === "timeout_after_apply") return void this.hung.add(res);
      return this.send(res, stored.status, stored.body, { "Idempotent-Replayed": "true" });
    }

    let status = 200;
    let body: unknown;
    try {
      body = this.route(method, url.pathname, form);
    } catch (error) {
      if (!(error instanceof FakeApiError)) throw error;
      status = error.status;
      body = { error: error.body };
    }
    if (key) this.idempotency.set(key, { fingerprint, status, body });
    if (failure === "timeout_after_apply") return void this.hung.add(res);
    this.send(res, status, body);
  }

  private route(method: string, path: string, form: Form): unknown {
    const s = this.state;
    const expandCharge = list(form, "expand").includes("latest_charge");
    let m: RegExpExecArray | null;
    if (method === "POST" && path === "/v1/payment_intents") {
      const apm = form.automatic_payment_methods;
      const intent = s.createIntent({
        amount: int(form, "amount") ?? Number.NaN,
        currency: str(form, "currency") ?? "",
        metadata: record(form, "metadata"),
        automaticPaymentMethods: !!apm && typeof apm === "object" && !Array.isArray(apm) && apm.enabled === "true",
        captureMethod: str(form, "capture_method"),
      });
      return s.render(intent, expandCharge);
    }
    if (method === "GET" && path === "/v1/payment_intents") return this.listIntents(form);
    if ((m = /^\/v1\/payment_intents\/([^/]+)$/.exec(path)) && method === "GET") return s.render(s.intent(m[1]!), expandCharge);
    if ((m = /^\/v1\/payment_intents\/([^/]+)\/cancel$/.exec(path)) && method === "POST") {
      return s.render(s.cancelIntent(m[1]!, str(form, "cancellation_reason") ?? null), expandCharge);
    }
    if ((m = /^\/v1\/payment_intents\/([^/]+)\/capture$/.exec(path)) && method === "POST") {
      return s.render(s.captureIntent(m[1]!, int(form, "amount_to_capture")), expandCharge);
    }
    if ((m = /^\/v1\/payment_intents\/([^/]+)\/confirm$/.exec(path)) && method === "POST") {
      return s.render(s.confirmIntent(m[1]!, str(form, "payment_method")), expandCharge);
    }
    if (method === "POST" && path === "/v1/refunds") {
      const paymentIntent = str(form, "payment_intent");
      if (!paymentIntent)
        throw new FakeApiError(400, {
          type: "invalid_request_error",
          code: "parameter_missing",
          param: "payment_intent",
          message: "Missing payment_intent",
        });
      return s.createRefund({
        paymentIntent,
        amount: int(form, "amount"),
        metadata: record(form, "metadata"),
        reason: str(form, "reason") ?? null,
      });
    }
    if (method === "GET" && path === "/v1/refunds") {
      const pi = str(form, "payment_intent");
      const all = s.sorted([...s.refunds.values()].filter((r) => !pi || r.payment_intent === pi));
      return this.page(all, form, "/v1/refunds", (r) => r);
    }
    if ((m = /^\/v1\/refunds\/([^/]+)$/.exec(path)) && method === "GET") {
      const refund = s.refunds.get(m[1]!);
      if (!refund)
        throw new FakeApiError(404, { type: "invalid_request_error", code: "resource_missing", message: `No such refund: '${m[1]}'` });
      return refund;
    }
    throw new FakeApiError(404, {
      type: "invalid_request_error",
      message: `Unrecognized request URL (${method}: ${path}). The fake implements only what the app calls.`,
    });
  }

  private listIntents(form: Form) {
    const created = form.created;
    const bounds = created && typeof created === "object" && !Array.isArray(created) ? (created as Record<string, string>) : {};
    const inRange = (t: number) =>
      (bounds.gte === undefined || t >= Number(bounds.gte)) &&
      (bounds.gt === undefined || t > Number(bounds.gt)) &&
      (bounds.lte === undefined || t <= Number(bounds.lte)) &&
      (bounds.lt === undefined || t < Number(bounds.lt));
    const all = this.state.sorted([...this.state.intents.values()].filter((i) => inRange(i.created)));
    const expand = list(form, "expand").includes("data.latest_charge");
    return this.page(all, form, "/v1/payment_intents", (i) => this.state.render(i, expand));
  }

  private page<T extends { id: string }>(all: T[], form: Form, url: string, render: (item: T) => unknown) {
    const limit = Math.min(100, Math.max(1, int(form, "limit") ?? 10));
    const after = str(form, "starting_after");
    const start = after ? all.findIndex((i) => i.id === after) + 1 : 0;
    const slice = all.slice(start, start + limit);
    return { object: "list", url, has_more: start + limit < all.length, data: slice.map(render) };
  }

  private control(method: string, url: URL, raw: string, res: http.ServerResponse): void {
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    try {
      if (method === "POST" && url.pathname === "/_fake/reset") this.reset();
      else if (method === "POST" && url.pathname === "/_fake/outage") this.outage((body.kind as FailureKind) ?? "500");
      else if (method === "POST" && url.pathname === "/_fake/restore") this.restore();
      else if (method === "POST" && url.pathname === "/_fake/fail-next") {
        this.failNext(body.kind as FailureKind, {
          times: body.times as number | undefined,
          match: body.match ? new RegExp(String(body.match)) : undefined,
        });
      } else if (method === "POST" && url.pathname.startsWith("/_fake/confirm/")) {
        return this.send(
          res,
          200,
          this.state.confirmIntent(url.pathname.split("/").pop()!, (body.paymentMethod as string) ?? "pm_card_visa"),
        );
      } else if (method === "POST" && url.pathname === "/_fake/expire-authorizations") {
        return this.send(res, 200, { expired: this.state.expireAuthorizations() });
      } else if (method === "POST" && url.pathname.startsWith("/_fake/decline-capture/")) {
        this.state.declineOnCapture.add(url.pathname.split("/").pop()!);
      } else if (method === "GET" && url.pathname === "/_fake/events") return this.send(res, 200, this.state.events);
      else return this.send(res, 404, { error: { type: "invalid_request_error", message: "unknown control endpoint" } });
      this.send(res, 200, { ok: true });
    } catch (error) {
      if (error instanceof FakeApiError) return this.send(res, error.status, { error: error.body });
      throw error;
    }
  }

  private send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const json = JSON.stringify(body);
    res.writeHead(status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(json),
      "request-id": `req_fake_${this.requests.length}`,
      "stripe-version": "2026-10-28.endive",
      ...headers,
    });
    res.end(json);
  }
}

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripeServer> {
  return new FakeStripeServer(options).start(options.port ?? 0);
}
