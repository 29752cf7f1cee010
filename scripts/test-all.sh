#!/usr/bin/env bash
# The one test command (README and .ci/run): types, unit + integration tests (PGlite, and
# PostgreSQL too when TEST_DATABASE_URL is set), then browser tests on a production build.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

# First, so a machine without a browser finds out now, not after the unit tests.
echo "== chromium for the browser tests"
bash scripts/ensure-chromium.sh

echo "== typecheck"
npx tsc --noEmit

echo "== lint"
npm run --silent lint
npm run --silent lint:cycles
npm run --silent knip
npm run --silent format:check

echo "== unit and integration tests (clock pinned to TEST_NOW, default in tests/helpers/clock)"
npx vitest run

echo "== fast tests again at awkward dates (month ends, leap day, DST weekends, year end)"
bash scripts/test-dates.sh fast

echo "== build"
npx next build

echo "== two production instances on one PostgreSQL database (skips without TEST_DATABASE_URL)"
npx vitest run -c tests/process/vitest.process.config.ts

echo "== browser tests (demo payments)"
npx playwright test

echo "== browser tests (Stripe mode against the fake Stripe API)"
npx playwright test -c tests/e2e-stripe/playwright.stripe.config.ts
