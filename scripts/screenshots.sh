#!/usr/bin/env bash
# Takes the README's screenshots from the real app window under Xvfb (the window tests,
# with DOJANG_SCREENSHOT_DIR set), into docs/screenshots/; then every screen of the web UI
# at 1040×720 and 800×600, in Korean and English (the browser spec screens.spec.ts, which
# also checks each fits), into ui/test-results/screens/ (not committed), to look at.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$DOJANG_ROOT"
npm --prefix ui run --silent build
cargo build --workspace --locked --quiet
# Under a throwaway Secret Service, as in the test command: renewal keeps the old key
# in the keychain until the CA confirms.
DOJANG_SCREENSHOT_DIR="$DOJANG_ROOT/docs/screenshots" scripts/with-keyring.sh \
  cargo test --locked -p dojang-testkit --test window_list --test window_issue --test window_trust -- --test-threads 1
ls -l docs/screenshots
SCREENS="$DOJANG_ROOT/ui/test-results/screens"
rm -rf "$SCREENS"
(cd ui && DOJANG_SCREENSHOT_DIR="$SCREENS" npx playwright test tests/browser/screens.spec.ts)
echo "Every screen, to look at: $SCREENS"
