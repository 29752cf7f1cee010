-- Weekly schedule (issue 17, ADR 107): the business's hours, meeting length, fee and date
-- overrides; slots made from it are marked so manual slots are never touched by its sync.
CREATE TYPE "SlotSource" AS ENUM ('MANUAL', 'SCHEDULE');

ALTER TABLE "Slot" ADD COLUMN "source" "SlotSource" NOT NULL DEFAULT 'MANUAL',
  ADD COLUMN "closedBySchedule" BOOLEAN NOT NULL DEFAULT false;
-- A schedule slot an admin changes becomes theirs (MANUAL), so the next sync neither closes
-- nor moves it: editing its time, length, fee or methods, or reopening it after the schedule
-- closed it. The sync's own updates run with app.schedule_sync set in their transaction.
CREATE FUNCTION "slot_adopt_admin_edit"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."source" = 'SCHEDULE' AND coalesce(current_setting('app.schedule_sync', true), '') <> 'on' AND (
      NEW."startsAt" IS DISTINCT FROM OLD."startsAt" OR NEW."durationMinutes" IS DISTINCT FROM OLD."durationMinutes"
      OR NEW."priceCents" IS DISTINCT FROM OLD."priceCents" OR NEW."currency" IS DISTINCT FROM OLD."currency"
      OR NEW."requiresPayment" IS DISTINCT FROM OLD."requiresPayment" OR NEW."methods" IS DISTINCT FROM OLD."methods"
      OR (NEW."isAvailable" AND OLD."closedBySchedule")) THEN
    NEW."source" := 'MANUAL';
    NEW."closedBySchedule" := false;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "Slot_adopt_admin_edit" BEFORE UPDATE ON "Slot"
  FOR EACH ROW EXECUTE FUNCTION "slot_adopt_admin_edit"();

CREATE TABLE "Schedule" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "durationMinutes" INTEGER NOT NULL,
    "priceCents" INTEGER NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "methods" "MeetingMethod"[],
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Schedule_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Schedule_single_row" CHECK ("id" = 1),
    CONSTRAINT "Schedule_duration" CHECK ("durationMinutes" BETWEEN 5 AND 480),
    CONSTRAINT "Schedule_price" CHECK ("priceCents" >= 0),
    CONSTRAINT "Schedule_currency_lowercase" CHECK ("currency" ~ '^[a-z]{3}$'),
    CONSTRAINT "Schedule_methods_not_empty" CHECK ("methods" IS NOT NULL AND cardinality("methods") >= 1)
);

CREATE TABLE "ScheduleRange" (
    "id" UUID NOT NULL,
    "weekday" INTEGER NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "endMinute" INTEGER NOT NULL,
    CONSTRAINT "ScheduleRange_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ScheduleRange_weekday" CHECK ("weekday" BETWEEN 1 AND 7),
    CONSTRAINT "ScheduleRange_within_day" CHECK ("startMinute" >= 0 AND "startMinute" < "endMinute" AND "endMinute" <= 1440)
);
CREATE INDEX "ScheduleRange_weekday_idx" ON "ScheduleRange"("weekday");
-- No two ranges of one weekday overlap: each weekday is its own stretch of a week-long line.
ALTER TABLE "ScheduleRange" ADD CONSTRAINT "ScheduleRange_no_overlap"
  EXCLUDE USING gist (int4range("weekday" * 1440 + "startMinute", "weekday" * 1440 + "endMinute") WITH &&);

CREATE TABLE "ScheduleOverride" (
    "date" DATE NOT NULL,
    "note" VARCHAR(120),
    CONSTRAINT "ScheduleOverride_pkey" PRIMARY KEY ("date")
);

CREATE TABLE "ScheduleOverrideRange" (
    "id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "endMinute" INTEGER NOT NULL,
    CONSTRAINT "ScheduleOverrideRange_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ScheduleOverrideRange_within_day" CHECK ("startMinute" >= 0 AND "startMinute" < "endMinute" AND "endMinute" <= 1440)
);
CREATE INDEX "ScheduleOverrideRange_date_idx" ON "ScheduleOverrideRange"("date");
ALTER TABLE "ScheduleOverrideRange" ADD CONSTRAINT "ScheduleOverrideRange_date_fkey"
  FOREIGN KEY ("date") REFERENCES "ScheduleOverride"("date") ON DELETE CASCADE ON UPDATE CASCADE;
-- Days since 2000-01-01 place each date's ranges on one line, so a date's ranges never overlap.
ALTER TABLE "ScheduleOverrideRange" ADD CONSTRAINT "ScheduleOverrideRange_no_overlap"
  EXCLUDE USING gist (int4range(("date" - DATE '2000-01-01') * 1440 + "startMinute", ("date" - DATE '2000-01-01') * 1440 + "endMinute") WITH &&);
