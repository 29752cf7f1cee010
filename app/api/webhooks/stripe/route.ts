import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/responses";
import { receiveStripeWebhook } from "@/lib/payments/webhooks/receive";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// The raw body is read as text, untouched: the signature covers the exact bytes.
export async function POST(request: Request) {
  try {
    const outcome = await receiveStripeWebhook(await request.text(), request.headers.get("stripe-signature"));
    // 409 for a delivery another request is still working on: Stripe retries it later.
    return NextResponse.json({ received: true, outcome }, { status: outcome === "in_progress" ? 409 : 200 });
  } catch (error) {
    return errorResponse(error, "POST /api/webhooks/stripe");
  }
}
