import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeResend, type FakeResend } from "@/tests/fakes/resend/fake-resend";
import { classifyResendError, EmailDeliveryError, resendTransport, type OutgoingEmail } from "./transport";

let fake: FakeResend;
beforeAll(async () => {
  fake = await startFakeResend();
});
afterAll(async () => {
  await fake.close();
});

const ics = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n";
const email: OutgoingEmail = {
  from: "Northwind <bookings@example.com>",
  to: "ada@example.com",
  subject: "Confirmed",
  html: "<p>Hi</p>",
  text: "Hi",
  attachments: [{ filename: "invite.ics", content: ics, contentType: "text/calendar; charset=utf-8; method=REQUEST" }],
  tag: "booking_confirmed",
};

describe("resendTransport (real SDK against the fake Resend API)", () => {
  it("sends with the idempotency key and the calendar attachment's full content type", async () => {
    const receipt = await resendTransport(fake.apiKey, fake.url).send(email, { idempotencyKey: "booking_confirmed:bk_1" });
    expect(receipt.transport).toBe("resend");
    const sent = fake.delivered.at(-1)!;
    expect(sent.id).toBe(receipt.providerMessageId);
    expect(sent.idempotencyKey).toBe("booking_confirmed:bk_1");
    expect(sent.to).toEqual(["ada@example.com"]);
    expect(sent.tags).toEqual([{ name: "kind", value: "booking_confirmed" }]);
    // The wire field is snake_case content_type; the SDK only fills it from contentType.
    expect(sent.attachments?.[0]?.content_type).toBe("text/calendar; charset=utf-8; method=REQUEST");
    // Content travels base64-encoded: a plain string would be misread as base64.
    expect(Buffer.from(sent.attachments![0]!.content, "base64").toString("utf8")).toBe(ics);
  });

  it("sends once per idempotency key, however often it is called", async () => {
    const transport = resendTransport(fake.apiKey, fake.url);
    const before = fake.delivered.length;
    const a = await transport.send(email, { idempotencyKey: "booking_reminder:bk_2:0" });
    const b = await transport.send(email, { idempotencyKey: "booking_reminder:bk_2:0" });
    expect(b.providerMessageId).toBe(a.providerMessageId);
    expect(fake.delivered.length).toBe(before + 1);
  });

  it("maps failures to retryable or permanent delivery errors", async () => {
    const transport = resendTransport(fake.apiKey, fake.url);
    fake.failNext(1, { status: 503, name: "internal_server_error" });
    const down = await transport.send(email, { idempotencyKey: "k-503" }).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(EmailDeliveryError);
    expect(down).toMatchObject({ retryable: true, statusCode: 503 });

    fake.failNext(1, "drop");
    await expect(transport.send(email, { idempotencyKey: "k-drop" })).rejects.toMatchObject({ retryable: true, statusCode: null });

    fake.failNext(1, { status: 422, name: "validation_error" });
    await expect(transport.send(email, { idempotencyKey: "k-422" })).rejects.toMatchObject({ retryable: false, statusCode: 422 });

    const wrongKey = resendTransport("re_wrong", fake.url);
    await expect(wrongKey.send(email, { idempotencyKey: "k-401" })).rejects.toMatchObject({ retryable: true, statusCode: 401 });
  });
});

describe("classifyResendError", () => {
  it("retries outages, rate limits and concurrent use of a key; gives up on bad requests", () => {
    expect(classifyResendError({ name: "rate_limit_exceeded", statusCode: 429 }).retryable).toBe(true);
    expect(classifyResendError({ name: "application_error", statusCode: null }).retryable).toBe(true);
    expect(classifyResendError({ name: "concurrent_idempotent_requests", statusCode: 409 }).retryable).toBe(true);
    expect(classifyResendError({ name: "invalid_idempotent_request", statusCode: 409 }).retryable).toBe(false);
    expect(classifyResendError({ name: "invalid_from_address", statusCode: 422 }).retryable).toBe(false);
    expect(classifyResendError({ name: "invalid_api_key", statusCode: 403 }).retryable).toBe(true);
  });
});
