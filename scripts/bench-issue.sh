#!/usr/bin/env bash
# The whole job, timed side by side against an independent peer: a fresh RSA-2048 key and
# a certificate from the sandbox CA over loopback.
#   dojang: `dojang issue --registration-number … --store npki:DIR` (key generation,
#           ir/ip/certConf/pkiConf, the key encrypted and written to an NPKI folder)
#   openssl: `openssl genpkey` then `openssl cmp -cmd ir` (the same exchange; the key is
#           written unencrypted, so OpenSSL does less work on disk)
# Each run uses its own fresh application of the same CA; the runs alternate so both see
# the same machine. Prints RESULT lines: median and 90th percentile wall time per job (RSA
# generation's time is random: the spread matters as much as the middle) and the ratio of
# the medians.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$DOJANG_ROOT"
RUNS="${RUNS:-31}"
cargo build --release --locked -q -p dojang-cli -p dojang-ca
BIN="$CARGO_TARGET_DIR/release"
WORK="$(mktemp -d)"
CA_PID=""
cleanup() {
  [ -n "$CA_PID" ] && kill "$CA_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

"$BIN/dojang-ca" serve --dir "$WORK/ca" --listen 127.0.0.1:0 >"$WORK/serve.log" 2>&1 &
CA_PID=$!
for _ in $(seq 100); do
  grep -q '^listening on ' "$WORK/serve.log" 2>/dev/null && break
  sleep 0.1
done
URL="$(sed -n 's/^listening on //p' "$WORK/serve.log" | head -1)"
[ -n "$URL" ] || { echo "the sandbox CA did not start" >&2; exit 1; }
SERVER="${URL#http://}"
SERVER="${SERVER%%/*}"

# The sandbox CA listens on loopback over plain HTTP, which only a sandbox distribution
# that lists it accepts.
printf 'product_name = "도장 벤치마크"\nsandbox = true\n[[ca]]\nname = "벤치마크 CA"\ncmp_url = "%s"\n' \
  "$URL" > "$WORK/distribution.toml"
export DOJANG_DISTRIBUTION="$WORK/distribution.toml"

apply() {
  "$BIN/dojang-ca" apply --dir "$WORK/ca" --name "벤치마크$1" --id-number 9001011234567 --json
}
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
now_ms() { date +%s%3N; }

dojang_times=()
openssl_times=()
for i in $(seq "$RUNS"); do
  app="$(apply "d$i")"
  number="$(field registration_number <<<"$app")"
  start=$(now_ms)
  printf 'bench#7294xq\n' | DOJANG_DATA_DIR="$WORK/data$i" "$BIN/dojang" issue \
    --password-stdin --json --ca "$URL" --registration-number "$number" \
    --store "npki:$WORK/npki$i" >/dev/null
  dojang_times+=($(( $(now_ms) - start )))

  app="$(apply "o$i")"
  ref="$(field reference_number <<<"$app")"
  code="$(field authorization_code <<<"$app")"
  start=$(now_ms)
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/key$i.pem" 2>/dev/null
  openssl cmp -cmd ir -server "$SERVER" -path cmp -ref "$ref" -secret "pass:$code" \
    -newkey "$WORK/key$i.pem" -subject "/CN=x" -certout "$WORK/cert$i.pem" \
    -unprotected_errors >/dev/null 2>&1
  openssl_times+=($(( $(now_ms) - start )))
  [ -s "$WORK/cert$i.pem" ] || { echo "openssl cmp did not get a certificate" >&2; exit 1; }
done

# Nearest rank: the sample below which P percent of them lie.
percentile() {
  local p=$1; shift
  printf '%s\n' "$@" | sort -n | awk -v p="$p" '{a[NR]=$1} END {r=int((NR*p+99)/100); if (r<1) r=1; print a[r]}'
}
d=$(percentile 50 "${dojang_times[@]}")
o=$(percentile 50 "${openssl_times[@]}")
d90=$(percentile 90 "${dojang_times[@]}")
o90=$(percentile 90 "${openssl_times[@]}")
ratio=$(awk -v d="$d" -v o="$o" 'BEGIN { printf "%.2f", d / o }')
# Every run's time, for the chart of scripts/bench.sh (BENCH_SAMPLES names the folder).
if [ -n "${BENCH_SAMPLES:-}" ]; then
  mkdir -p "$BENCH_SAMPLES"
  printf '%s\n' "${dojang_times[@]}" > "$BENCH_SAMPLES/dojang.txt"
  printf '%s\n' "${openssl_times[@]}" > "$BENCH_SAMPLES/openssl.txt"
fi
echo "RESULT issue_job_rsa2048 runs=$RUNS dojang_ms=$d openssl_ms=$o ratio=$ratio dojang_p90_ms=$d90 openssl_p90_ms=$o90"
