-- The owner's own calendars: connections, the busy-time cache, our events and the
-- write-back queue (docs/calendars.md, ADR 090).
CREATE TYPE "CalendarProviderKind" AS ENUM ('GOOGLE', 'MICROSOFT', 'CALDAV');

CREATE TABLE "CalendarConnection" (
    "id" UUID NOT NULL,
    "provider" "CalendarProviderKind" NOT NULL,
    "label" VARCHAR(200) NOT NULL,
    "accountEmail" VARCHAR(254),
    "serverUrl" TEXT,
    "username" VARCHAR(254),
    "secretSealed" TEXT NOT NULL,
    "accessTokenSealed" TEXT,
    "accessTokenExpiresAt" TIMESTAMPTZ(3),
    "busyCalendarIds" TEXT[],
    "writeCalendarId" TEXT,
    "source" VARCHAR(10) NOT NULL DEFAULT 'ADMIN',
    "status" VARCHAR(10) NOT NULL DEFAULT 'OK',
    "brokenReason" VARCHAR(500),
    "brokenSince" TIMESTAMPTZ(3),
    "lastSyncAt" TIMESTAMPTZ(3),
    "lastErrorAt" TIMESTAMPTZ(3),
    "lastError" VARCHAR(500),
    "failingSince" TIMESTAMPTZ(3),
    "notifiedBrokenAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "CalendarConnection_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "CalendarConnection_source_check" CHECK ("source" IN ('ADMIN', 'ENV')),
    CONSTRAINT "CalendarConnection_status_check" CHECK ("status" IN ('OK', 'BROKEN'))
);

-- The environment configures at most one connection.
CREATE UNIQUE INDEX "CalendarConnection_one_env" ON "CalendarConnection"("source") WHERE "source" = 'ENV';

CREATE TABLE "CalendarBusyWindow" (
    "connectionId" UUID NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "windowEnd" TIMESTAMPTZ(3) NOT NULL,
    "fetchedAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "CalendarBusyWindow_pkey" PRIMARY KEY ("connectionId"),
    CONSTRAINT "CalendarBusyWindow_order" CHECK ("windowEnd" > "windowStart")
);

CREATE TABLE "CalendarBusyInterval" (
    "id" UUID NOT NULL,
    "connectionId" UUID NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "eventUid" TEXT,
    CONSTRAINT "CalendarBusyInterval_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "CalendarBusyInterval_order" CHECK ("endsAt" > "startsAt")
);
CREATE INDEX "CalendarBusyInterval_startsAt_endsAt_idx" ON "CalendarBusyInterval"("startsAt", "endsAt");
CREATE INDEX "CalendarBusyInterval_connectionId_idx" ON "CalendarBusyInterval"("connectionId");

CREATE TABLE "CalendarEvent" (
    "id" UUID NOT NULL,
    "connectionId" UUID NOT NULL,
    "bookingId" VARCHAR(40) NOT NULL,
    "calendarId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "uid" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "CalendarEvent_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "CalendarEvent_connectionId_bookingId_key" ON "CalendarEvent"("connectionId", "bookingId");
CREATE INDEX "CalendarEvent_uid_idx" ON "CalendarEvent"("uid");

CREATE TABLE "CalendarWrite" (
    "id" UUID NOT NULL,
    "connectionId" UUID NOT NULL,
    "bookingId" VARCHAR(40) NOT NULL,
    "sequence" INTEGER NOT NULL,
    "status" "EmailStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMPTZ(3),
    "lastError" VARCHAR(1000),
    "doneAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "CalendarWrite_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "CalendarWrite_attempts_nonnegative" CHECK ("attempts" >= 0)
);
CREATE UNIQUE INDEX "CalendarWrite_connectionId_bookingId_sequence_key" ON "CalendarWrite"("connectionId", "bookingId", "sequence");
CREATE INDEX "CalendarWrite_status_nextAttemptAt_idx" ON "CalendarWrite"("status", "nextAttemptAt");

ALTER TABLE "CalendarBusyWindow" ADD CONSTRAINT "CalendarBusyWindow_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "CalendarConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CalendarBusyInterval" ADD CONSTRAINT "CalendarBusyInterval_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "CalendarConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CalendarEvent" ADD CONSTRAINT "CalendarEvent_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "CalendarConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CalendarEvent" ADD CONSTRAINT "CalendarEvent_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CalendarWrite" ADD CONSTRAINT "CalendarWrite_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "CalendarConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CalendarWrite" ADD CONSTRAINT "CalendarWrite_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;
