#!/usr/bin/env bash
# Installs what Dojang needs to build, run and test, on Debian or Ubuntu, and only what is
# missing: safe to run again. Sourced by scripts/run.sh and scripts/test.sh.
#   system packages (apt): the Tauri 2 build libraries, and for tests Xvfb, WebKitWebDriver,
#     Chromium, gnome-keyring, OpenSSL, ImageMagick, a Korean font, an LDAP server (slapd),
#     and for the Windows build Debian's second Rust (rustc-web), mingw-w64 and Wine;
#   tauri-driver 2.x (cargo install, into ~/.cargo/bin);
#   the UI's npm packages (npm ci, from ui/package-lock.json).
set -euo pipefail

DOJANG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dojang-target}"
export PATH="$HOME/.cargo/bin:$PATH"

APT_PACKAGES=(
  # building the app (Tauri 2 on Linux)
  build-essential pkg-config curl wget file libssl-dev libwebkit2gtk-4.1-dev libxdo-dev
  libayatana-appindicator3-dev librsvg2-dev
  # the AppImage: its file system, and an independent reader to check it with
  squashfs-tools patchelf libappimage1.0abi1
  # node for the UI
  nodejs npm
  # testing with real components
  openssl python3 xvfb xauth webkit2gtk-driver chromium gnome-keyring dbus-x11 libsecret-tools xdotool
  # the demo bank's page in a real browser beside the real window (tests/tests/window_sign.rs)
  chromium-driver
  imagemagick fonts-noto-cjk git
  # revocation status peers: an LDAP server that publishes CRLs
  slapd ldap-utils
  # Windows, cross-built and run under Wine (scripts/windows.sh): Debian's Rust 1.96 with
  # the standard library's source and clippy, the mingw-w64 linker, Wine
  rustc-web cargo-web rust-web-src rust-web-clippy gcc-mingw-w64-x86-64 wine wine64
  # its installer (NSIS), and the Korean and English locales it is tried in
  nsis locales
)

dojang_setup() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    # nodejs/npm may come from elsewhere (a newer Node): a working command is enough.
    case "$p" in
      nodejs) command -v node >/dev/null 2>&1 && continue ;;
      npm) command -v npm >/dev/null 2>&1 && continue ;;
    esac
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi

  # Wine takes the user's language from the locale, which must exist on the system.
  local locale
  for locale in ko_KR en_US; do
    if ! locale -a 2>/dev/null | grep -qix "$locale.utf-\?8"; then
      echo "setup: generating the $locale.UTF-8 locale"
      local sudo=""
      [ "$(id -u)" -eq 0 ] || sudo="sudo"
      $sudo localedef -i "$locale" -c -f UTF-8 "$locale.UTF-8"
    fi
  done

  if ! command -v cargo >/dev/null 2>&1; then
    echo "setup: Rust is missing. Install a Rust toolchain (1.90 or newer) with rustup, then run this again." >&2
    return 1
  fi

  if ! tauri-driver --help >/dev/null 2>&1; then
    echo "setup: installing tauri-driver 2.x"
    # Pinned to the 2.x line: a plain install would take a 3.0 alpha.
    cargo install tauri-driver --version '^2' --locked --quiet
  fi

  # npm ci when node_modules is missing or older than the lock file.
  local ui="$DOJANG_ROOT/ui"
  if [ ! -f "$ui/node_modules/.package-lock.json" ] || [ "$ui/package-lock.json" -nt "$ui/node_modules/.package-lock.json" ]; then
    echo "setup: installing the UI's npm packages"
    (cd "$ui" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

dojang_setup
