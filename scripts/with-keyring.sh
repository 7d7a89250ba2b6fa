#!/usr/bin/env bash
# Runs a command with a real, unlocked Secret Service (gnome-keyring) on a private D-Bus
# session, with throwaway keyrings, so tests use the OS keychain for real without touching
# the user's own. Usage: scripts/with-keyring.sh COMMAND [ARGS...]
set -euo pipefail

if [ -z "${DOJANG_KEYRING_SESSION:-}" ]; then
  export DOJANG_KEYRING_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi

KEYRING_HOME="$(mktemp -d)"
export XDG_DATA_HOME="$KEYRING_HOME/data" XDG_RUNTIME_DIR="$KEYRING_HOME/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# The unlock password only protects this throwaway keyring.
eval "$(echo -n dojang-test | gnome-keyring-daemon --unlock --components=secrets)"
for _ in $(seq 1 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
      grep -q "boolean true"; then
    break
  fi
  sleep 0.1
done
status=0
"$@" || status=$?
[ -n "${GNOME_KEYRING_PID:-}" ] && kill "$GNOME_KEYRING_PID" 2>/dev/null || true
rm -rf "$KEYRING_HOME"
exit $status
