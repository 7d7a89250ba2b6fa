#!/usr/bin/env bash
# The desktop app against its floor and a peer, printed as RESULT lines (nothing here is
# asserted; tests/tests/perf_app.rs says how each figure is taken):
#   cold start: from launching the release app to the list of three sample certificates
#     painted, read from the app's own timeline (DOJANG_TIMELINE), with the median of each
#     phase and the slowest named (the list as it was at the last start: its kept screen
#     shown first; then starts with the certificates changed, nothing kept, and when the
#     app's own screen was ready); the floor (bench/floor-app: one window, one static page,
#     the same Tauri) to its page painted, and the ratios; XCA to its main window;
#   memory: RSS, PSS and USS of the app with its WebKit processes 3 s after the list is
#     shown, against the floor's and XCA's; and after opening the details, the wizard and
#     the settings, twice (through WebDriver);
#   issuance: from "발급하기" pressed to the certificate stored, on the app's timeline, over
#     RUNS issuances in the window against the sandbox CA on loopback (goal 150 ms);
#   sizes: the release binary, the .deb bundle and the AppImage (made from that .deb).
# RUNS (default 5) starts of each, alternating. XCA is installed when missing and this runs
# as root; otherwise it is left out (sudo apt-get install xca to include it). Xvfb is started
# when there is no DISPLAY.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$DOJANG_ROOT"
npm --prefix ui run --silent build
(cd src-tauri && ../ui/node_modules/.bin/tauri build --bundles deb >/dev/null 2>&1)
# The floor, built the same way into the same target dir (what it shares compiles once).
(cd bench/floor-app && ../../ui/node_modules/.bin/tauri build --no-bundle >/dev/null 2>&1)
APP="$CARGO_TARGET_DIR/release/dojang-app"
FLOOR="$CARGO_TARGET_DIR/release/floor-app"
DEB="$(ls -t "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb | head -1)"
size() {
  echo "RESULT $1 bytes=$(stat -c %s "$2") mib=$(awk -v b="$(stat -c %s "$2")" 'BEGIN{printf "%.1f", b/1048576}')"
}
size app_binary_size "$APP"
size floor_binary_size "$FLOOR"
size app_deb_size "$DEB"
cargo build --locked -q --release -p dojang-appimage-runtime
APPIMAGE="${DEB%.deb}.AppImage"
scripts/bundle-appimage.sh --deb "$DEB" --runtime "$CARGO_TARGET_DIR/release/dojang-appimage-runtime" --out "$APPIMAGE" >/dev/null
size app_appimage_size "$APPIMAGE"

if ! command -v xca >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "bench-app: installing XCA, the peer" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xca >/dev/null
  else
    echo "bench-app: XCA is not installed, so it is left out; to include it: sudo apt-get install xca" >&2
  fi
fi

WORK="$(mktemp -d)"
cleanup() {
  if [ -n "${XVFB_PID:-}" ]; then kill "$XVFB_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
if [ -z "${DISPLAY:-}" ]; then
  Xvfb -displayfd 1 -screen 0 1280x800x24 -nolisten tcp >"$WORK/display" 2>/dev/null &
  XVFB_PID=$!
  until [ -s "$WORK/display" ]; do sleep 0.05; done
  export DISPLAY=":$(head -1 "$WORK/display")"
fi

cargo build --locked -q -p dojang-testkit --tests
DOJANG_APP_BINARY="$APP" DOJANG_FLOOR_BINARY="$FLOOR" RUNS="${RUNS:-5}" scripts/with-keyring.sh \
  cargo test --locked -q -p dojang-testkit --test perf_app -- --ignored --nocapture 2>/dev/null | grep '^RESULT'
