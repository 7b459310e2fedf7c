#!/usr/bin/env bash
# The whole test suite: typecheck, build, unit + integration + DOM tests, then Chromium e2e.
# Ends with the plain line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export ELECTRON_SKIP_BINARY_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 NO_COLOR=1 FORCE_COLOR=0

bash scripts/ensure-chromium.sh || exit 1
if [ ! -d node_modules ]; then npm ci || exit 1; fi

rm -rf reports && mkdir -p reports
stages=()
echo "== typecheck"; npm run -s typecheck || stages+=(--failed-stage typecheck)
echo "== build"; npm run -s build || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
# The netboot project boots real firmware in QEMU: its Debian packages and kernel come first.
echo "== netboot dependencies"; bash scripts/ensure-netboot-deps.sh >/dev/null || stages+=(--failed-stage netboot-deps)
echo "== import rules (dependency-cruiser)"; npm run -s lint:deps || stages+=(--failed-stage lint-deps)
echo "== lint (typescript-eslint, React hooks)"; npm run -s lint || stages+=(--failed-stage lint)
echo "== dead code (knip)"; npm run -s knip || stages+=(--failed-stage knip)
echo "== format (prettier)"; npm run -s format:check || stages+=(--failed-stage format)
echo "== vitest (unit, integration, lab, DOM, netboot)"
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json
echo "== playwright (Chromium e2e)"
PLAYWRIGHT_JSON_OUTPUT_FILE=reports/playwright.json npx playwright test --reporter=list,json
# The summary decides the exit code: any failed test, missing report or failed stage fails the run.
node scripts/test-summary.mjs reports/vitest.json reports/playwright.json "${stages[@]}"
