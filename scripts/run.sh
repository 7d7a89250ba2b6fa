#!/usr/bin/env bash
# Runs Dojang's main job: opens the app window with the certificate list (without a
# display: `dojang demo`, an issuance from an in-process sandbox CA, and the list).
# Installs whatever is missing first (scripts/setup.sh); safe to run again.
#
# So that there is something to see, a sample NPKI folder (test certificates made by the
# fixture tool, never real ones) is laid out in ~/.cache/dojang/sample-npki and shown
# beside your own NPKI folders. Without a display, it tells how to run the window under
# Xvfb and prints the same list with the command line instead.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$DOJANG_ROOT"

npm --prefix ui run --silent build
cargo build --workspace --bins --locked --quiet

BIN="$CARGO_TARGET_DIR/debug"
SAMPLE="${XDG_CACHE_HOME:-$HOME/.cache}/dojang/sample-npki"
rm -rf "$SAMPLE"
"$BIN/dojang-fixtures" npki "$SAMPLE" >/dev/null
export DOJANG_NPKI_ROOT="$SAMPLE${DOJANG_NPKI_ROOT:+:$DOJANG_NPKI_ROOT}"
echo "Sample certificates (for trying Dojang out, not real ones): $SAMPLE"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "Opening the Dojang window…"
  exec "$BIN/dojang-app"
else
  echo "No display here. To see the window on a headless machine, run:"
  echo "  xvfb-run -a scripts/run.sh   (and take a screenshot with: import -display :99 -window root shot.png)"
  echo "Meanwhile, the main job from the command line: a certificate issued by a sandbox CA"
  echo "started just for this (dojang demo), then the certificate list."
  echo
  "$BIN/dojang" demo
  echo
  exec "$BIN/dojang" list
fi
