#!/usr/bin/env bash
# The whole test suite: typecheck, build, unit + integration + DOM tests, then Chromium e2e.
# Ends with the plain line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export ELECTRON_SKIP_BINARY_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 NO_COLOR=1 FORCE_COLOR=0

bash scripts/ensure-chromium.sh || exit 1
if [ ! -d node_modules ]; then npm ci || exit 1; fi

rm -rf reports && mkdir -p reports/stages

# Runs stages one after another, each one's output kept in reports/stages/<name>.log and printed
# only when it fails; a failed stage is written to reports/stages/failed.
lane() {
  local spec name start status
  for spec in "$@"; do
    name="${spec%%=*}"
    start=$SECONDS
    if bash -c "${spec#*=}" >"reports/stages/$name.log" 2>&1; then status=ok; else status=FAILED; fi
    echo "== $name: $status in $((SECONDS - start)) s"
    if [ "$status" = FAILED ]; then
      echo "$name" >>reports/stages/failed
      cat "reports/stages/$name.log"
    fi
  done
}

# Two lanes at once (two cores; each check is one single-threaded process): the type checker
# and the build on one, the linters and the firmware packages on the other.
lane typecheck='npm run -s typecheck' build='npm run -s build' &
lane_a=$!
# The netboot project boots real firmware in QEMU: its Debian packages and kernel come first.
lane netboot-deps='bash scripts/ensure-netboot-deps.sh' lint-deps='npm run -s lint:deps' lint='npm run -s lint' \
  knip='npm run -s knip' format='npm run -s format:check' &
lane_b=$!
wait "$lane_a" "$lane_b"

if grep -qx build reports/stages/failed 2>/dev/null; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi
stages=()
if [ -f reports/stages/failed ]; then
  while read -r name; do stages+=(--failed-stage "$name"); done <reports/stages/failed
fi

echo "== vitest (unit, integration, lab, DOM, netboot)"
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json
echo "== playwright (Chromium e2e)"
PLAYWRIGHT_JSON_OUTPUT_FILE=reports/playwright.json npx playwright test --reporter=list,json
# A failed e2e test leaves the page as its accessibility tree: print it, so a failure seen only
# in CI can be read from the log.
for ctx in test-results/*/error-context.md; do
  [ -f "$ctx" ] && { echo "== page at the failure: $ctx"; head -c 20000 "$ctx"; echo; }
done
# The summary decides the exit code: any failed test, missing report or failed stage fails the run.
node scripts/test-summary.mjs reports/vitest.json reports/playwright.json "${stages[@]}"
