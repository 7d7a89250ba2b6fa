#!/usr/bin/env bash
# Runs Dojang's main job: opens the app window in sandbox mode — a sandbox CA started
# for this run, an application registered with it (its registration number, temporary
# code and issue.html printed here), and the window's issuance wizard pointed at it by a
# sandbox distribution file, which also lists the CA's demo bank (its address printed
# here: a page to log in and approve a transfer with the certificate). Without a
# display: `dojang demo` (the same issuance from an in-process sandbox CA) and the list.
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
  # Sandbox mode: a CA of our own on loopback, for this run only.
  SANDBOX="${XDG_CACHE_HOME:-$HOME/.cache}/dojang/sandbox"
  mkdir -p "$SANDBOX"
  "$BIN/dojang-ca" serve --dir "$SANDBOX/ca" --listen 127.0.0.1:0 >"$SANDBOX/serve.log" 2>&1 &
  CA_PID=$!
  trap 'kill $CA_PID 2>/dev/null || true' EXIT
  for _ in $(seq 100); do
    grep -q '^listening on ' "$SANDBOX/serve.log" 2>/dev/null && break
    sleep 0.1
  done
  URL="$(sed -n 's/^listening on //p' "$SANDBOX/serve.log" | head -1)"
  ORIGIN="${URL%/cmp}"
  cat >"$SANDBOX/distribution.toml" <<TOML
product_name = "도장 체험판"
product_name_en = "Dojang sandbox"
sandbox = true

[[ca]]
name = "도장 시험 인증기관"
cmp_url = "$URL"

[[relying_party]]
name = "도장 샌드박스 은행"
origin = "$ORIGIN"
TOML
  echo
  echo "Sandbox CA at $URL"
  echo "Demo bank (도장 샌드박스 은행) at $ORIGIN/rp/: open it in a browser to log in or"
  echo "approve a transfer with the certificate once it is issued."
  echo
  echo "An application to issue in the window (시험용, not a real one):"
  "$BIN/dojang-ca" apply --dir "$SANDBOX/ca" --name "홍길동" --id-number 9001011234567
  echo "(ID number for the e-mail path: 900101-1234567)"
  echo
  echo "Opening the Dojang window…"
  DOJANG_DISTRIBUTION="$SANDBOX/distribution.toml" "$BIN/dojang-app"
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
