import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { endlessBody, postRequest } from "@/tests/helpers/counting-stream";
import { POST } from "./route";

// The paths that must not read the body; signed deliveries are covered in
// lib/payments/webhooks/webhooks.integration.test.ts.

const URL = "http://localhost/api/webhooks/stripe";

afterEach(() => {
  delete process.env.STRIPE_WEBHOOK_SECRET;
  resetEnvCache();
});

describe("POST /api/webhooks/stripe before the signature check", () => {
  it("answers 404 on a server with no webhook secret without reading the body", async () => {
    const { stream, seen } = endlessBody();
    const response = await POST(postRequest(URL, stream, { "stripe-signature": "t=1,v1=x" }));
    expect(response.status).toBe(404);
    expect(seen.pulled).toBe(0);
    // Cancelled, so the server drops the rest of the upload rather than draining it.
    expect(seen.cancelled).toBe(true);
  });

  it("stops reading a chunked body past 1 MB and answers 413", async () => {
    process.env.STRIPE_WEBHOOK_SECRET = "whsec_test_value";
    const { stream, seen } = endlessBody(64 * 1024);
    const response = await POST(postRequest(URL, stream, { "stripe-signature": "t=1,v1=x" }));
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("payload_too_large");
    expect(seen.pulled).toBeLessThanOrEqual(17); // 16 chunks make 1 MB; the 17th passes it
    expect(seen.cancelled).toBe(true);
  });

  it("answers 413 for a declared Content-Length over 1 MB with nothing read", async () => {
    process.env.STRIPE_WEBHOOK_SECRET = "whsec_test_value";
    const { stream, seen } = endlessBody();
    const response = await POST(postRequest(URL, stream, { "content-length": String(2 * 1024 * 1024) }));
    expect(response.status).toBe(413);
    expect(seen.pulled).toBe(0);
  });
});
