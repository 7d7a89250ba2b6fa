#!/usr/bin/env bash
# Benchmarks, each against an independent peer run side by side; prints RESULT lines.
#   keygen: RSA-2048 and P-256 key generation, Dojang vs `openssl genpkey`.
#   issuance: the sandbox CA's issuances per second (ir + certConf) under 1-64 concurrent
#     clients; no other CA runs here to race it, so it stands alone.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$DOJANG_ROOT"
cargo bench --locked -p dojang-core --bench keygen 2>/dev/null | grep '^RESULT'
cargo bench --locked -p dojang-ca --bench issuance 2>/dev/null | grep '^RESULT'
