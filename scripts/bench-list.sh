#!/usr/bin/env bash
# The window's list of 1,000 certificates, in Chromium against the production build with
# the mocked backend (ui/bench/list.bench.ts), in each view (cards, rows):
#   painted_ms: from the list's data arriving to the list painted (the app's timeline);
#   filter_ms: median time from a search typed to the list updated and painted;
#   long_tasks: tasks over 50 ms while the window is scrolled to the end (and their ms).
# Prints RESULT lines; asserts nothing. Port from DOJANG_BENCH_PORT (5190 unless set).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../ui"
npx playwright test -c bench/playwright.config.ts 2>&1 | grep '^RESULT'
