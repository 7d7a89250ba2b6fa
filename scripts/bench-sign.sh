#!/usr/bin/env bash
# Signing one 1 KiB document, timed side by side against an independent peer, with the
# same key and the same document:
#   dojang:  `dojang sign ID --in doc.txt --store npki:DIR --password-stdin` (the key read
#            from its NPKI folder and decrypted with the certificate password, CMS
#            SignedData with the CA certificates of its path, written as doc.txt.p7s)
#   openssl: `openssl cms -sign -binary -md sha256 -nodetach` with the same key, exported
#            from Dojang as PKCS#12 and kept as an encrypted PKCS#8 PEM, so both decrypt a
#            key before signing.
# The runs alternate so both see the same machine. Prints one RESULT line: median wall
# times and their ratio (goal: 0.5 or less), and the 90th percentiles.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$DOJANG_ROOT"
RUNS="${RUNS:-31}"
cargo build --release --locked -q -p dojang-cli -p dojang-testkit --bins
BIN="$CARGO_TARGET_DIR/release"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export DOJANG_DATA_DIR="$WORK/data"
export DOJANG_NPKI_ROOT=""
PASSWORD='sample!2580' # the fixture tool's certificate password

"$BIN/dojang-fixtures" npki "$WORK/npki" >/dev/null
# A valid RSA certificate of the sample tree.
ID="$(DOJANG_NPKI_ROOT="$WORK/npki" "$BIN/dojang" list --json 2>/dev/null | python3 -c '
import json, sys
for c in json.load(sys.stdin):
    if c["status"] in ("valid", "expiring-soon") and c["key_algorithm"].startswith("RSA") \
            and c.get("path") and not c.get("revoked"):
        print(c["id"]); break')"
[ -n "$ID" ] || { echo "no sample RSA certificate to sign with" >&2; exit 1; }

printf '%s\n%s\n' "$PASSWORD" "bench#pfx2580" | "$BIN/dojang" export "$ID" \
  --store "npki:$WORK/npki" --pfx "$WORK/signer.pfx" --password-stdin >/dev/null
openssl pkcs12 -in "$WORK/signer.pfx" -passin pass:bench#pfx2580 -nokeys -clcerts \
  -out "$WORK/signer.pem" 2>/dev/null
openssl pkcs12 -in "$WORK/signer.pfx" -passin pass:bench#pfx2580 -nocerts \
  -passout "pass:$PASSWORD" -out "$WORK/key.pem" 2>/dev/null
head -c 1024 /dev/urandom | base64 -w 76 | head -c 1024 > "$WORK/doc.txt"

# The clock is the shell's own (no process started to read it), and the password reaches
# Dojang from a file as it reaches OpenSSL from its command line: no process is timed but
# the signer's.
printf '%s\n' "$PASSWORD" > "$WORK/password"
dojang_times=()
openssl_times=()
for i in $(seq "$RUNS"); do
  start=${EPOCHREALTIME/[.,]/}
  "$BIN/dojang" sign "$ID" --store "npki:$WORK/npki" --in "$WORK/doc.txt" \
    --out "$WORK/d$i.p7s" --password-stdin <"$WORK/password" >/dev/null
  end=${EPOCHREALTIME/[.,]/}
  dojang_times+=($((end - start)))
  start=${EPOCHREALTIME/[.,]/}
  openssl cms -sign -binary -md sha256 -nodetach -in "$WORK/doc.txt" -signer "$WORK/signer.pem" \
    -inkey "$WORK/key.pem" -passin "pass:$PASSWORD" -outform DER -out "$WORK/o$i.p7s"
  end=${EPOCHREALTIME/[.,]/}
  openssl_times+=($((end - start)))
done
# Both made a signature OpenSSL accepts over the same document.
for f in "$WORK/d1.p7s" "$WORK/o1.p7s"; do
  openssl cms -verify -inform DER -in "$f" -binary -noverify -out /dev/null 2>/dev/null \
    || { echo "$f does not verify" >&2; exit 1; }
done

# Nearest rank: the sample below which P percent of them lie (microseconds).
percentile() {
  local p=$1; shift
  printf '%s\n' "$@" | sort -n | awk -v p="$p" '{a[NR]=$1} END {r=int((NR*p+99)/100); if (r<1) r=1; print a[r]}'
}
ms() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'; }
d=$(percentile 50 "${dojang_times[@]}")
o=$(percentile 50 "${openssl_times[@]}")
d90=$(percentile 90 "${dojang_times[@]}")
o90=$(percentile 90 "${openssl_times[@]}")
ratio=$(awk -v d="$d" -v o="$o" 'BEGIN { printf "%.2f", d / o }')
echo "RESULT sign_1k runs=$RUNS dojang_ms=$(ms "$d") openssl_ms=$(ms "$o") ratio=$ratio goal=0.5 dojang_p90_ms=$(ms "$d90") openssl_p90_ms=$(ms "$o90")"
