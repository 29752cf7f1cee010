import { NextResponse } from "next/server";
import { discardUnreadBody, readBodyText, WEBHOOK_BODY_LIMIT_BYTES } from "@/lib/http/read-body";
import { errorResponse } from "@/lib/http/responses";
import { receiveStripeWebhook } from "@/lib/payments/webhooks/receive";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// The raw body is read as text, untouched (the signature covers the exact bytes), capped
// at 1 MB, and only once a webhook secret is configured.
export async function POST(request: Request) {
  try {
    const outcome = await receiveStripeWebhook(
      () => readBodyText(request, WEBHOOK_BODY_LIMIT_BYTES),
      request.headers.get("stripe-signature"),
    );
    // 409 for a delivery another request is still working on: Stripe retries it later.
    return NextResponse.json({ received: true, outcome }, { status: outcome === "in_progress" ? 409 : 200 });
  } catch (error) {
    return errorResponse(error, "POST /api/webhooks/stripe");
  } finally {
    // An unconfigured server answers 404 without reading: drop the upload too.
    await discardUnreadBody(request);
  }
}
