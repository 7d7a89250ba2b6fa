#!/usr/bin/env bash
# Dojang for Windows, cross-built and tested on this Linux machine (the README's test
# command runs each of these as a step).
#
#   scripts/windows.sh build    the CLI (dojang.exe) and the sandbox CA (dojang-ca.exe) for
#                               x86_64-pc-windows-gnu, and the test-only
#                               bcryptprimitives.dll that Wine 8 lacks (beside the .exe)
#   scripts/windows.sh clippy   clippy -D warnings on dojang-core, dojang-ca, dojang-cli and
#                               dojang-app for the Windows target
#   scripts/windows.sh test     the CLI suites (crates/dojang-cli/tests) and the issuance
#                               suite against the sandbox CA (tests/tests/issuance_sandbox.rs),
#                               the same test code as on Linux, running dojang.exe under
#                               Wine in a fresh Wine prefix: NPKI folders, the Windows
#                               Credential Manager as the keychain store, both code paths
#   scripts/windows.sh installer [--config branding/<name>/tauri.conf.json]
#                               the desktop app (dojang-app.exe) and its installer, made
#                               by makensis from src-tauri/windows/dojang.nsi with what
#                               src-tauri/windows/config.py reads from the Tauri config;
#                               then its tests under Wine (tests/tests/windows_installer.rs).
#                               Without --config: the unbranded installer and the example's
#                               (branding/example), installed, updated and uninstalled.
#                               With it: that branded build's installer only (the app
#                               compiled with the overlay merged; its names, icons, images
#                               and resources) and, for a build that publishes updates,
#                               the updater's signature <installer>.sig when
#                               TAURI_SIGNING_PRIVATE_KEY (or _PATH) is set.
#   scripts/windows.sh run ARGS dojang.exe ARGS under Wine (for trying it by hand)
#
# How: Debian's rustc-web (Rust 1.96) with the standard library's source (rust-web-src)
# builds std for the target (-Zbuild-std, allowed on a stable compiler by
# RUSTC_BOOTSTRAP=1), mingw-w64 links, Debian's Wine 8 runs the result. The target dir is
# DOJANG_WINDOWS_TARGET_DIR (default ~/.cache/dojang-target-windows), kept apart from the
# Linux one, so later runs are incremental.
CALLER_DIR="$PWD"
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$DOJANG_ROOT"
# The branded build's overlay is given with --config, never taken from the caller's
# environment.
unset TAURI_CONFIG
# A step that fails inside $(...) fails the command (bash clears -e there otherwise).
shopt -s inherit_errexit

TARGET=x86_64-pc-windows-gnu
export DOJANG_WINDOWS_TARGET_DIR="${DOJANG_WINDOWS_TARGET_DIR:-$HOME/.cache/dojang-target-windows}"
BIN_DIR="$DOJANG_WINDOWS_TARGET_DIR/$TARGET/debug"

# Debian's cargo and compiler, never rustup's (whose std has no Windows build here):
# win_cargo PROGRAM SUBCOMMAND ARGS... runs PROGRAM SUBCOMMAND with the target's options,
# then ARGS (which may end with `-- ...` for the compiler or clippy).
win_cargo() {
  local program="$1" subcommand="$2"
  shift 2
  env RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc CARGO=/usr/bin/cargo \
    CARGO_TARGET_DIR="$DOJANG_WINDOWS_TARGET_DIR" \
    CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
    "$program" "$subcommand" -Zbuild-std=std,panic_abort --target "$TARGET" --locked "$@"
}

# Beside dojang.exe, for the tests only: the DLL Wine 8 lacks (docs/platforms.md), and
# hold.exe, which holds a file as Windows holds a running program's executable.
test_helpers() {
  x86_64-w64-mingw32-gcc -O2 -shared -Wl,--kill-at -o "$BIN_DIR/bcryptprimitives.dll" \
    tests/windows/bcryptprimitives.c -ladvapi32
  x86_64-w64-mingw32-gcc -O2 -municode -o "$BIN_DIR/hold.exe" tests/windows/hold.c
}

build() {
  win_cargo /usr/bin/cargo build -p dojang-cli -p dojang-ca
  test_helpers
  ls -l "$BIN_DIR/dojang.exe" "$BIN_DIR/dojang-ca.exe" "$BIN_DIR/bcryptprimitives.dll"
}

clippy() {
  # cargo-clippy is called directly: through `cargo clippy`, cargo would find rustup's
  # proxy of the same name first.
  win_cargo /usr/bin/cargo-clippy clippy -p dojang-core -p dojang-ca -p dojang-cli -p dojang-app \
    --all-targets -- -D warnings
}

# The installer of the build OVERLAY configures (none: the unbranded build): the app, then
# the installer from stripped copies (the debug build's symbols would make it ten times
# larger), and the updater's signature when the build publishes updates and a signing key
# is given. Prints the installer's path.
installer() {
  local overlay="${1:-}" target_dir="$DOJANG_WINDOWS_TARGET_DIR"
  if [ -n "$overlay" ]; then
    # A target dir of its own: the overlay is compiled into the app (TAURI_CONFIG, read by
    # tauri-build and generate_context!), and sharing one would rebuild both every time.
    target_dir="$DOJANG_WINDOWS_TARGET_DIR/branded/$(basename "$(dirname "$overlay")")"
  fi
  local stage="$target_dir/installer" app_dir="$target_dir/$TARGET/debug"
  local product version updater_artifacts settings
  mkdir -p "$stage"
  # The names, version, icons, images and resources, checked before anything is built.
  settings="$(python3 src-tauri/windows/config.py src-tauri/tauri.conf.json ${overlay:+"$overlay"} \
    --nsh "$stage/config.nsh")"
  eval "$settings"
  [ -d ui/dist ] || npm --prefix ui run --silent build >&2
  # The command line is the same in every build (it reads only DOJANG_DISTRIBUTION).
  win_cargo /usr/bin/cargo build -p dojang-cli >&2
  if [ -n "$overlay" ]; then
    TAURI_CONFIG="$(cat "$overlay")" DOJANG_WINDOWS_TARGET_DIR="$target_dir" \
      win_cargo /usr/bin/cargo build -p dojang-app >&2
  else
    win_cargo /usr/bin/cargo build -p dojang-app >&2
  fi
  local setup="$stage/$product-$version-setup.exe"
  x86_64-w64-mingw32-strip -o "$stage/dojang-app.exe" "$app_dir/dojang-app.exe"
  x86_64-w64-mingw32-strip -o "$stage/dojang.exe" "$BIN_DIR/dojang.exe"
  # Marked as Tauri's bundler marks the app it puts in an NSIS installer: the updater reads
  # the mark (tauri-utils' bundle_type) to ask for the NSIS build of a new version
  # (windows-x86_64-nsis in the manifest, {{bundle_type}} in an endpoint).
  python3 - "$stage/dojang-app.exe" <<'EOF'
import sys
path = sys.argv[1]
data = open(path, "rb").read()
unknown, nsis = b"__TAURI_BUNDLE_TYPE_VAR_UNK", b"__TAURI_BUNDLE_TYPE_VAR_NSS"
if data.count(unknown) != 1:
    sys.exit(f"{path}: {data.count(unknown)} bundle-type marks, not one")
open(path, "wb").write(data.replace(unknown, nsis))
EOF
  makensis -V2 -WX -DCONFIG_NSH="$stage/config.nsh" -DAPP_EXE="$stage/dojang-app.exe" \
    -DCLI_EXE="$stage/dojang.exe" -DLOADER_DLL="$app_dir/WebView2Loader.dll" \
    -DOUT_FILE="$setup" src-tauri/windows/dojang.nsi >&2
  rm -f "$setup.sig"
  if [ "$updater_artifacts" = 1 ]; then
    if [ -n "${TAURI_SIGNING_PRIVATE_KEY:-}${TAURI_SIGNING_PRIVATE_KEY_PATH:-}" ]; then
      # As Tauri's bundler signs an NSIS installer for the updater (createUpdaterArtifacts):
      # <installer>.sig, a minisign signature with the version in its trusted comment. A
      # key without a password is read with an empty one, never asked for.
      # The key is given either way; an empty variable of the other kind would be refused.
      local unset_empty=()
      [ -n "${TAURI_SIGNING_PRIVATE_KEY:-}" ] || unset_empty+=(-u TAURI_SIGNING_PRIVATE_KEY)
      [ -n "${TAURI_SIGNING_PRIVATE_KEY_PATH:-}" ] || unset_empty+=(-u TAURI_SIGNING_PRIVATE_KEY_PATH)
      env "${unset_empty[@]}" TAURI_SIGNING_PRIVATE_KEY_PASSWORD="${TAURI_SIGNING_PRIVATE_KEY_PASSWORD:-}" \
        ui/node_modules/.bin/tauri signer sign --app-version "$version" "$setup" </dev/null >&2
      [ -s "$setup.sig" ]
    else
      echo "windows.sh: $overlay publishes updates, but TAURI_SIGNING_PRIVATE_KEY is not set:" \
        "no updater signature ($setup.sig) made" >&2
    fi
  fi
  echo "$setup"
}

# The installers and their tests: the unbranded one and the example's, or the branded one
# OVERLAY configures.
test_installer() {
  local overlay="${1:-}" unbranded="" branded keys pubkey="" only=""
  keys="$(mktemp -d)"
  if [ -z "$overlay" ]; then
    unbranded="$(installer)"
    # The example's update-signing key was not kept: the test signs its installer with a
    # key made for this run, and checks the signature against it.
    ui/node_modules/.bin/tauri signer generate --ci -p "" -w "$keys/updater.key" >/dev/null
    branded="$(
      unset TAURI_SIGNING_PRIVATE_KEY
      TAURI_SIGNING_PRIVATE_KEY_PATH="$keys/updater.key" TAURI_SIGNING_PRIVATE_KEY_PASSWORD="" \
        installer branding/example/tauri.conf.json
    )"
    pubkey="$(cat "$keys/updater.key.pub")"
    overlay=branding/example/tauri.conf.json
  else
    branded="$(installer "$overlay")"
    only=branded
    # A signature made here must verify with the key the build's app trusts.
    [ -f "$branded.sig" ] && pubkey="$(python3 -c 'import json,sys
print(json.load(open(sys.argv[1]))["plugins"]["updater"]["pubkey"])' "$overlay")"
  fi
  rm -rf "$keys"
  test_helpers
  wine_prefix
  DOJANG_TEST_WINDOWS_INSTALLER="$unbranded" DOJANG_TEST_WINDOWS_BRANDED_INSTALLER="$branded" \
    DOJANG_TEST_WINDOWS_BRANDING="$DOJANG_ROOT/$overlay" DOJANG_TEST_UPDATER_PUBKEY="$pubkey" \
    DOJANG_TEST_WINDOWS_EXE="$BIN_DIR/dojang.exe" \
    cargo test --locked -p dojang-testkit --test windows_installer -- --ignored $only
}

# A fresh Wine prefix for this run (a few seconds), removed afterwards.
wine_prefix() {
  WINEPREFIX="$(mktemp -d)/wine"
  # winemenubuilder would copy the Start-menu entries an installer makes into this
  # machine's own menu (~/.local/share/applications).
  export WINEPREFIX WINEDEBUG=-all WINEDLLOVERRIDES="bcryptprimitives=n,b;winemenubuilder.exe=d"
  mkdir -p "$WINEPREFIX"
  wine wineboot -i >/dev/null 2>&1
  # Wait for the server to exit, so the registry wineboot filled is on disk before a test
  # links a prefix of its own to this one.
  wineserver -w
  # Then one Wine server for the whole run: one that exits between two commands (its
  # default after 3 s idle) can reset the connection of a command starting just then. Its
  # background services are started here, with their output to nowhere: started by a
  # test's command, they would hold its output open.
  wineserver -p
  wine wineboot >/dev/null 2>&1
  trap 'wineserver -k >/dev/null 2>&1 || true; rm -rf "$(dirname "$WINEPREFIX")"' EXIT
}

run_tests() {
  build >/dev/null
  wine_prefix
  export DOJANG_TEST_WINDOWS_EXE="$BIN_DIR/dojang.exe"
  local rc=0
  # --include-ignored: the tests only Windows can run (drive letters).
  cargo test --locked -p dojang-cli --test list --test custody --no-fail-fast -- --include-ignored || rc=1
  # Against the Linux sandbox CA on loopback (the native dojang-ca the suite starts).
  cargo build --locked -q -p dojang-ca
  cargo test --locked -p dojang-testkit --test issuance_sandbox --no-fail-fast || rc=1
  return $rc
}

case "${1:-}" in
  build) build ;;
  clippy) clippy ;;
  test) run_tests ;;
  installer)
    case "${2:-}" in
      "") test_installer ;;
      --config)
        overlay="$(cd "$CALLER_DIR" && realpath -e --relative-to="$DOJANG_ROOT" -- "${3:-}")" || {
          echo "windows.sh: --config names a branding overlay, branding/<name>/tauri.conf.json" >&2
          exit 2
        }
        test_installer "$overlay"
        ;;
      *)
        echo "usage: scripts/windows.sh installer [--config branding/<name>/tauri.conf.json]" >&2
        exit 2
        ;;
    esac
    ;;
  run)
    shift
    wine_prefix
    wine "$BIN_DIR/dojang.exe" "$@"
    ;;
  *)
    echo "usage: scripts/windows.sh build|clippy|test|installer [--config FILE]|run ARGS" >&2
    exit 2
    ;;
esac
