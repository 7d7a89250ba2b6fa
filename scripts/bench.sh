#!/usr/bin/env bash
# Benchmarks, each against an independent peer run side by side; prints RESULT lines.
#   keygen: RSA-2048 and P-256 key generation, Dojang vs `openssl genpkey`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$DOJANG_ROOT"
cargo bench --locked -p dojang-core --bench keygen 2>/dev/null | grep '^RESULT'
