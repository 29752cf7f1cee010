-- The business's settings saved in /admin/settings (ADR 100): one row per overridden value.
CREATE TABLE "BusinessSetting" (
    "key" VARCHAR(60) NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedBy" TEXT,
    CONSTRAINT "BusinessSetting_pkey" PRIMARY KEY ("key")
);
