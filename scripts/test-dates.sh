#!/usr/bin/env bash
# Runs a test suite once per awkward calendar date, with every test process's clock pinned to it
# (TEST_NOW; see tests/helpers/clock/shifted-date.mjs). npm test runs the fast suite this way;
# the browser suite is a documented command (it takes a few minutes per date).
#
#   scripts/test-dates.sh fast       unit tests + the time-sensitive integration tests (PGlite)
#   scripts/test-dates.sh unit       the whole unit project
#   scripts/test-dates.sh integration  every integration test (PGlite, and PostgreSQL with TEST_DATABASE_URL)
#   scripts/test-dates.sh browser    the Playwright suite (after `npx next build`)
#   TEST_DATES="2027-02-28T15:00:00Z ..." scripts/test-dates.sh fast   other dates
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

# Business zone is America/New_York (the default). Each instant is mid-afternoon there, far from
# midnight, so the run's own minutes of elapsed time cannot carry it across the boundary.
DEFAULT_DATES=(
  2026-12-01T15:00:00Z # the 1st of a 31-day month: the 30-day window ends inside the month
  2027-02-28T16:00:00Z # the last day of February in a common year (a Sunday)
  2028-02-29T16:00:00Z # a leap day
  2027-03-12T16:00:00Z # the Friday before clocks go forward (2027-03-14)
  2026-10-30T15:00:00Z # the Friday before clocks go back (2026-11-01)
  2026-12-31T16:00:00Z # the last day of a year
)
read -r -a DATES <<<"${TEST_DATES:-${DEFAULT_DATES[*]}}"

# Integration tests whose answers depend on the date: windows, notice, reminders, DST, seeding.
TIME_SENSITIVE=(
  tests/api/slots-api.integration.test.ts
  lib/booking/holds.integration.test.ts
  lib/booking/slot-admin.integration.test.ts
  lib/jobs/reminders.integration.test.ts
  lib/self-service/manage-booking.integration.test.ts
)

suite="${1:-fast}"
for at in "${DATES[@]}"; do
  echo "== $suite tests with the clock at $at"
  # Each run computes its own offset from TEST_NOW.
  unset TEST_CLOCK_OFFSET_MS
  case "$suite" in
    fast)
      TEST_NOW="$at" npx vitest run --project unit --reporter=dot
      TEST_NOW="$at" TEST_DATABASE_URL="" npx vitest run --project pglite --reporter=dot "${TIME_SENSITIVE[@]}"
      ;;
    unit) TEST_NOW="$at" npx vitest run --project unit --reporter=dot ;;
    integration) TEST_NOW="$at" npx vitest run --project pglite ${TEST_DATABASE_URL:+--project postgres} --reporter=dot ;;
    browser) TEST_NOW="$at" npx playwright test ;;
    *) echo "unknown suite: $suite (fast, unit, integration, browser)" >&2; exit 2 ;;
  esac
done
