#!/usr/bin/env bash
# Runs every test of Dojang and ends with one line "N passed, N failed".
# Installs whatever is missing first (scripts/setup.sh); safe to run again.
#
# Steps: formatting, the UI's type check, linter and build, clippy, the Rust tests (unit,
# integration, OpenSSL interop, the CLI, and end to end through the real app window under
# Xvfb with tauri-driver), the generated-bindings check, the Windows build (cross-built,
# clippy, the CLI suites and the installer under Wine), the UI's unit tests and its browser tests in Chromium.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" || exit 1
# Every step runs even when an earlier one fails, so the summary counts them all.
set +e -uo pipefail
cd "$DOJANG_ROOT"

LOG_DIR="$(mktemp -d)"
passed=0
failed=0
failures=()
started=$SECONDS

# step NAME COUNTER COMMAND...: runs COMMAND, shows its output, and adds its test counts
# (COUNTER says how to read them: cargo, vitest, playwright, or check for one pass/fail).
step() {
  local name="$1" counter="$2"
  shift 2
  local log="$LOG_DIR/$name.log" t0=$SECONDS
  echo "==> $name"
  "$@" 2>&1 | tee "$log.raw"
  local rc=${PIPESTATUS[0]} p=0 f=0
  # Counts are read from the output without colour codes.
  sed 's/\x1b\[[0-9;]*m//g' "$log.raw" > "$log"
  case "$counter" in
    cargo)
      p=$(awk '/^test result:/ { for (i = 1; i < NF; i++) if ($(i+1) ~ /^passed/) s += $i } END { print s + 0 }' "$log")
      f=$(awk '/^test result:/ { for (i = 1; i < NF; i++) if ($(i+1) ~ /^failed/) s += $i } END { print s + 0 }' "$log") ;;
    vitest)
      p=$(grep -E '^ +Tests ' "$log" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+' | tail -1)
      f=$(grep -E '^ +Tests ' "$log" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' | tail -1) ;;
    playwright)
      p=$(grep -E '^ +[0-9]+ passed' "$log" | grep -oE '[0-9]+' | head -1)
      f=$(grep -E '^ +[0-9]+ failed' "$log" | grep -oE '[0-9]+' | head -1) ;;
    check)
      if [ "$rc" -eq 0 ]; then p=1; else f=1; fi ;;
  esac
  p=${p:-0}; f=${f:-0}
  # A step that failed without a failing test (a build error) counts as one failure.
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$rc" -ne 0 ]; then failures+=("$name"); fi
  echo "<== $name: $p passed, $f failed ($((SECONDS - t0)) s)"
}

bindings_unchanged() {
  # ts-rs rewrites ui/src/bindings during the Rust tests; they must match what is committed.
  git diff --exit-code --stat -- ui/src/bindings &&
    [ -z "$(git ls-files --others --exclude-standard -- ui/src/bindings)" ]
}

step rustfmt check cargo fmt --all --check
step ui-typecheck check npm --prefix ui run --silent typecheck
step ui-lint check npm --prefix ui run --silent lint
step ui-build check npm --prefix ui run --silent build
step clippy check cargo clippy --workspace --all-targets --locked -- -D warnings
step cargo-build check cargo build --workspace --all-targets --locked
step cargo-test cargo scripts/with-keyring.sh cargo test --workspace --locked --no-fail-fast
step bindings-unchanged check bindings_unchanged
# Windows: cross-built, linted, and the CLI suites run under Wine (docs/platforms.md).
step windows-build check scripts/windows.sh build
step windows-clippy check scripts/windows.sh clippy
step windows-cli cargo scripts/windows.sh test
step windows-installer cargo scripts/windows.sh installer
step ui-unit vitest npm --prefix ui run --silent test
step ui-browser playwright npm --prefix ui run --silent test:browser

echo
echo "test.sh took $((SECONDS - started)) s"
if ((${#failures[@]})); then echo "failed steps: ${failures[*]}"; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ ${#failures[@]} -eq 0 ]
