#!/usr/bin/env bash
# The desktop app's performance, printed as RESULT lines (nothing here is asserted):
#   cold start: from launching the release app (through WebDriver, under Xvfb) to the
#     certificate list shown, three sample certificates; median of RUNS (default 5);
#   idle memory: resident set of the app and its WebKit processes 3 s after the list;
#   sizes: the release binary and the .deb bundle.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$DOJANG_ROOT"
npm --prefix ui run --silent build
(cd src-tauri && ../ui/node_modules/.bin/tauri build --bundles deb >/dev/null 2>&1)
APP="$CARGO_TARGET_DIR/release/dojang-app"
DEB="$(ls -t "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb | head -1)"
echo "RESULT app_binary_size bytes=$(stat -c %s "$APP") mib=$(awk -v b="$(stat -c %s "$APP")" 'BEGIN{printf "%.1f", b/1048576}')"
echo "RESULT app_deb_size bytes=$(stat -c %s "$DEB") mib=$(awk -v b="$(stat -c %s "$DEB")" 'BEGIN{printf "%.1f", b/1048576}')"
cargo build --locked -q -p dojang-testkit --tests
DOJANG_APP_BINARY="$APP" RUNS="${RUNS:-5}" scripts/with-keyring.sh \
  cargo test --locked -q -p dojang-testkit --test perf_app -- --ignored --nocapture 2>/dev/null | grep '^RESULT'
