-- An admin may confirm a booking that awaits payment: paid outside the app, or fee waived (ADR 086).
ALTER TYPE "PaymentProvider" ADD VALUE 'MANUAL';
ALTER TYPE "PaymentStatus" ADD VALUE 'PAID_OUTSIDE';
ALTER TYPE "PaymentStatus" ADD VALUE 'WAIVED';
ALTER TABLE "Payment" ADD COLUMN "settlementReason" VARCHAR(500);
