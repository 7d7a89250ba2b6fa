#!/usr/bin/env bash
# Fuzzing campaign: every target of fuzz/ (cargo fuzz, on the nightly toolchain) runs for
# at least FUZZ_SECONDS (600) and FUZZ_RUNS (5,000,000) executions, whichever is longer,
# starting from fuzz/corpus/<target>; new inputs go to fuzz/campaign/<target>, findings to
# fuzz/artifacts/<target>. Afterwards the corpus is minimised back into
# fuzz/corpus/<target> (which the test command replays on stable) and the figures are
# printed for docs/fuzzing.md. Usage: scripts/fuzz.sh [TARGET...]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../fuzz"
export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
SECONDS_PER_TARGET="${FUZZ_SECONDS:-600}"
MIN_RUNS="${FUZZ_RUNS:-5000000}"
ALL=(codes invitation distribution certificate npki_key pkcs12 cmp_response cmp_request signature ocsp_answer crl capubs sign_request envelope rp_callback)
TARGETS=("${@:-${ALL[@]}}")
# libFuzzer's limits: a slow input (10 s) or a memory blow-up (2 GiB) is a finding too.
LIMITS=(-timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 -print_final_stats=1)

# Per target: capubs files hold many certificates (the committed CaPubs_All is 34 KB) and
# each execution parses every one, about 500 a second at that size; capped at 4 KiB (one or
# two certificates, the structure around them) it runs ten times faster. The full-size
# file is still in the corpus the test command replays.
extra_args() {
  case "$1" in
    capubs) echo "-max_len=4096" ;;
  esac
}

executed() { sed -n 's/^stat::number_of_executed_units: *//p' "$1" | tail -1; }

for target in "${TARGETS[@]}"; do
  mkdir -p "campaign/$target" "artifacts/$target"
  log="campaign/$target.log"
  start=$SECONDS
  # shellcheck disable=SC2046 # the extra arguments are words
  cargo +nightly fuzz run -O -a "$target" "campaign/$target" "corpus/$target" -- \
    "${LIMITS[@]}" $(extra_args "$target") -max_total_time="$SECONDS_PER_TARGET" >"$log" 2>&1 || true
  runs=$(executed "$log"); runs=${runs:-0}
  if [ "$runs" -lt "$MIN_RUNS" ]; then
    # shellcheck disable=SC2046
    cargo +nightly fuzz run -O -a "$target" "campaign/$target" "corpus/$target" -- \
      "${LIMITS[@]}" $(extra_args "$target") -runs=$((MIN_RUNS - runs)) >>"$log" 2>&1 || true
    more=$(executed "$log"); runs=$((runs + ${more:-0}))
  fi
  findings=$(find "artifacts/$target" -type f | wc -l)
  # The corpus kept in the repository: the inputs that reach new code, minimised.
  cp -n "corpus/$target"/* "campaign/$target"/ 2>/dev/null || true
  # Edges only (no hit counts): the smallest corpus that keeps every edge reached.
  if cargo +nightly fuzz cmin -O -a "$target" "campaign/$target" -- -use_counters=0 >>"$log" 2>&1; then
    rm -rf "corpus/$target" && cp -r "campaign/$target" "corpus/$target"
  fi
  echo "RESULT fuzz_$target seconds=$((SECONDS - start)) executions=$runs corpus=$(ls "corpus/$target" | wc -l) findings=$findings"
done
