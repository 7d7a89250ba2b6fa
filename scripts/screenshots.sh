#!/usr/bin/env bash
# Takes the README's screenshots from the real app window under Xvfb (the window tests,
# with DOJANG_SCREENSHOT_DIR set), into docs/screenshots/.
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
