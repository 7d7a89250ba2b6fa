#!/usr/bin/env bash
# Benchmarks, each against an independent peer run side by side; prints RESULT lines.
#   keygen: RSA-2048 and P-256 key generation, Dojang vs `openssl genpkey`.
#   listing: an NPKI root of 1,000 and 10,000 certificate folders, against the floor of
#     reading every signCert.der; the 10k/1k ratio shows it is linear.
#   trust: path validation of 1,000 certificates against one `openssl verify` run, and
#     the status of 100 certificates from the cache against `openssl ocsp -respin`.
#   issuance: the sandbox CA's issuances per second (ir + certConf) under 1-64 concurrent
#     clients; no other CA runs here to race it, so it stands alone.
#   issue job: a fresh RSA-2048 key and a certificate from the sandbox CA, `dojang issue`
#     vs `openssl genpkey` + `openssl cmp` (scripts/bench-issue.sh).
#   sign: one 1 KiB document signed (CMS), `dojang sign` vs `openssl cms -sign` with the
#     same key (scripts/bench-sign.sh).
#   list: the window's list of 1,000 certificates in Chromium (scripts/bench-list.sh).
#   app: the window's cold start and memory against a minimal Tauri app and XCA
#     (scripts/bench-app.sh; BENCH_APP=0 leaves it out).
# Then it writes every figure, the machine and a chart into docs/benchmarks.md and
# docs/benchmarks.svg (scripts/bench-report.py).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$DOJANG_ROOT"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
export BENCH_SAMPLES="$OUT/issue"
{
cargo bench --locked -p dojang-core --bench keygen 2>/dev/null | grep '^RESULT'
cargo bench --locked -p dojang-core --bench listing 2>/dev/null | grep '^RESULT'
cargo bench --locked -p dojang-core --bench trust 2>/dev/null | grep '^RESULT'
cargo bench --locked -p dojang-ca --bench issuance 2>/dev/null | grep '^RESULT'
RUNS="${RUNS:-31}" "$(dirname "${BASH_SOURCE[0]}")/bench-issue.sh"
RUNS="${RUNS:-31}" "$(dirname "${BASH_SOURCE[0]}")/bench-sign.sh"
"$(dirname "${BASH_SOURCE[0]}")/bench-list.sh"
if [ "${BENCH_APP:-1}" != 0 ]; then
  RUNS="${APP_RUNS:-5}" "$(dirname "${BASH_SOURCE[0]}")/bench-app.sh"
fi
} | tee "$OUT/results"
python3 scripts/bench-report.py "$OUT/results" "$BENCH_SAMPLES" docs
echo "bench: docs/benchmarks.md and docs/benchmarks.svg written"
