#!/usr/bin/env bash
# The desktop app's performance, printed as RESULT lines (nothing here is asserted):
#   cold start: from launching the release app (through WebDriver, under Xvfb) to the
#     certificate list shown, three sample certificates; median of RUNS (default 5);
#   idle memory: resident set of the app and its WebKit processes 3 s after the list;
#   sizes: the release binary, the .deb bundle and the AppImage (made from that .deb).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$DOJANG_ROOT"
npm --prefix ui run --silent build
(cd src-tauri && ../ui/node_modules/.bin/tauri build --bundles deb >/dev/null 2>&1)
APP="$CARGO_TARGET_DIR/release/dojang-app"
DEB="$(ls -t "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb | head -1)"
echo "RESULT app_binary_size bytes=$(stat -c %s "$APP") mib=$(awk -v b="$(stat -c %s "$APP")" 'BEGIN{printf "%.1f", b/1048576}')"
echo "RESULT app_deb_size bytes=$(stat -c %s "$DEB") mib=$(awk -v b="$(stat -c %s "$DEB")" 'BEGIN{printf "%.1f", b/1048576}')"
cargo build --locked -q --release -p dojang-appimage-runtime
APPIMAGE="${DEB%.deb}.AppImage"
scripts/bundle-appimage.sh --deb "$DEB" --runtime "$CARGO_TARGET_DIR/release/dojang-appimage-runtime" --out "$APPIMAGE" >/dev/null
echo "RESULT app_appimage_size bytes=$(stat -c %s "$APPIMAGE") mib=$(awk -v b="$(stat -c %s "$APPIMAGE")" 'BEGIN{printf "%.1f", b/1048576}')"
cargo build --locked -q -p dojang-testkit --tests
DOJANG_APP_BINARY="$APP" RUNS="${RUNS:-5}" scripts/with-keyring.sh \
  cargo test --locked -q -p dojang-testkit --test perf_app -- --ignored --nocapture 2>/dev/null | grep '^RESULT'
