-- /admin/insights (ADR 111) filters payments by when they were paid and refunds by when they
-- were made; bookings by createdAt and slots by startsAt already have indexes.
CREATE INDEX "Payment_succeededAt_idx" ON "Payment"("succeededAt");
CREATE INDEX "Refund_createdAt_idx" ON "Refund"("createdAt");
