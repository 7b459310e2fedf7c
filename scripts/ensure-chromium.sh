#!/usr/bin/env bash
# E2E tests drive Debian's Chromium; Playwright never downloads a browser of its own.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium (one-off, about a minute)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x "$chromium" ] && exit 0
fi
cat >&2 <<MSG
Chromium was not found at $chromium, and it cannot be installed automatically here
(that needs root on Debian/Ubuntu: apt-get install chromium).
Install Chromium, or point CHROMIUM_PATH at a Chromium/Chrome binary, then run the tests again.
MSG
exit 1
