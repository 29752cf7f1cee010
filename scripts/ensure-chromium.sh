#!/usr/bin/env bash
# Makes sure the browser tests have a Chromium, or stops the test run saying why. Never a
# silent skip: a green `npm test` means the browser tests ran.
#   Debian as root: apt-get install chromium (what .ci/run does).
#   Elsewhere:      npx playwright install chromium (Playwright's own build).
set -uo pipefail
system_chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
browsers="${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"

have_chromium() {
  [ -x "$system_chromium" ] || ls "$browsers"/chromium-* >/dev/null 2>&1
}

have_chromium && exit 0

if [ -r /etc/debian_version ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "== installing Debian's chromium for the browser tests"
  if { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null; then
    have_chromium && exit 0
  fi
  echo "apt-get could not install chromium." >&2
fi

echo "== installing Playwright's Chromium for the browser tests"
if npx --no-install playwright install chromium; then
  have_chromium && exit 0
fi

cat >&2 <<MSG
No Chromium for the browser tests, so the test run stops here (the browser tests were not run).
Install one and run the tests again:
  Debian/Ubuntu (as root): apt-get install -y chromium
  elsewhere:               npx playwright install chromium
MSG
exit 1
