#!/usr/bin/env bash
# The one test command (README and .ci/run): types, unit + integration tests (PGlite, and
# PostgreSQL when TEST_DATABASE_URL is set), then browser tests on a production build.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
echo "== typecheck"
npx tsc --noEmit
echo "== vitest"
npx vitest run
echo "== build"
npx next build
echo "== playwright"
npx playwright test
