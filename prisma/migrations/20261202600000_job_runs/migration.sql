-- When each job last ran, so the admin sees when the jobs run too rarely (a daily cron on
-- Vercel's Hobby plan, a broken external trigger) instead of reminders silently arriving late.
CREATE TABLE "JobRun" (
    "name" TEXT NOT NULL,
    "lastStartedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastFinishedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastOk" BOOLEAN NOT NULL,
    "runs" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("name")
);
