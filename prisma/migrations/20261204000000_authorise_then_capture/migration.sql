-- Issue 18 (ADR 120): the fee is authorised at booking and captured when it stops being
-- refundable. AUTHORIZED: the card is held, the booking confirmed, nothing charged yet.
-- RELEASED: the authorisation was cancelled (a cancellation in time, a late payment whose
-- slot was taken): nothing was ever charged. CAPTURE_FAILED: the capture failed for good
-- (declined on capture, authorisation expired): the booking stands, the fee is lost.
ALTER TYPE "PaymentStatus" ADD VALUE 'AUTHORIZED';
ALTER TYPE "PaymentStatus" ADD VALUE 'RELEASED';
ALTER TYPE "PaymentStatus" ADD VALUE 'CAPTURE_FAILED';

CREATE TYPE "CaptureMethod" AS ENUM ('AUTOMATIC', 'MANUAL');

ALTER TABLE "Payment"
  ADD COLUMN "captureMethod" "CaptureMethod" NOT NULL DEFAULT 'AUTOMATIC',
  -- Why this path (capture-plan.ts): refund_deadline, authorization_limit, not_refundable, ...
  ADD COLUMN "capturePlanReason" VARCHAR(40),
  -- When the capture job takes the fee (manual capture only).
  ADD COLUMN "captureAt" TIMESTAMPTZ(3),
  ADD COLUMN "authorizedAt" TIMESTAMPTZ(3),
  -- The charge's capture_before: after it the provider drops the authorisation.
  ADD COLUMN "authorizedUntil" TIMESTAMPTZ(3),
  ADD COLUMN "capturedAt" TIMESTAMPTZ(3),
  ADD COLUMN "releasedAt" TIMESTAMPTZ(3),
  ADD COLUMN "captureAttempts" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "nextCaptureAttemptAt" TIMESTAMPTZ(3),
  ADD COLUMN "captureError" VARCHAR(500),
  ADD CONSTRAINT "Payment_capture_attempts_check" CHECK ("captureAttempts" >= 0),
  ADD CONSTRAINT "Payment_manual_capture_at_check" CHECK ("captureMethod" = 'AUTOMATIC' OR "captureAt" IS NOT NULL);

-- The capture job's scan: due authorisations, by time (status first, so it is one range).
CREATE INDEX "Payment_status_captureAt_idx" ON "Payment" ("status", "captureAt");
