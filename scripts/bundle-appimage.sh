#!/usr/bin/env bash
# Builds Dojang's AppImage from what is on this machine, downloading nothing: the app
# (a .deb from `tauri build --bundles deb`, or a bare binary), WebKitGTK and the GTK
# libraries it links, Debian's mksquashfs, and our own runtime (dojang-appimage-runtime).
#
#   scripts/bundle-appimage.sh --deb Dojang_0.1.0_amd64.deb --out Dojang_0.1.0_amd64.AppImage
#   scripts/bundle-appimage.sh --binary target/debug/dojang-app --out /tmp/Dojang.AppImage
#
# --runtime FILE picks the runtime binary (default: dojang-appimage-runtime beside the
# target dir's release build, else its debug build).
#
# The AppDir:
#   AppRun, <name>.desktop, <icon>.png, .DirIcon     the AppImage conventions
#   usr/bin/dojang-app, usr/share/…, usr/lib/<Name>/  as in the .deb (resources of a
#                                                     branded build included)
#   usr/lib/*.so*                                     every library linked, but the base
#                                                     system's (EXCLUDED below); RUNPATH
#                                                     $ORIGIN-relative, set with patchelf
#   usr/lib/<multiarch>/webkit2gtk-4.1/               WebKit's helper processes
#   usr/lib/gdk-pixbuf-2.0/                           image loaders (+ cache template)
#   usr/share/glib-2.0/schemas/                       compiled GSettings schemas
# WebKit looks for its helper processes at a compiled-in absolute path; in the bundled
# libwebkit2gtk that path is rewritten to the same path relative to APPDIR (same length),
# and AppRun runs the app from APPDIR. The build fails unless every ELF in the AppDir
# resolves each library inside it or to the base system.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
deb="" binary="" out="" runtime=""
while (($#)); do
    case "$1" in
    --deb) deb="$2"; shift 2 ;;
    --binary) binary="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --runtime) runtime="$2"; shift 2 ;;
    *) echo "usage: $0 (--deb FILE.deb | --binary FILE) --out FILE.AppImage [--runtime FILE]" >&2; exit 2 ;;
    esac
done
if [[ -z "$out" || (-z "$deb" && -z "$binary") ]]; then
    echo "usage: $0 (--deb FILE.deb | --binary FILE) --out FILE.AppImage [--runtime FILE]" >&2
    exit 2
fi
if [[ -z "$runtime" ]]; then
    for candidate in "$target/release/dojang-appimage-runtime" "$target/debug/dojang-appimage-runtime"; do
        if [[ -x "$candidate" ]]; then runtime="$candidate"; break; fi
    done
fi
[[ -x "$runtime" ]] || { echo "no runtime: cargo build -p dojang-appimage-runtime --release" >&2; exit 1; }
for tool in mksquashfs patchelf ldd pkg-config python3; do
    command -v "$tool" >/dev/null || { echo "missing $tool: scripts/setup.sh installs it" >&2; exit 1; }
done

# The base system every desktop Linux has, never bundled: the C library family, the
# compiler runtime, the graphics stack (drivers must match the machine), X11/Wayland,
# fonts, and a few libraries whose configuration lives in the system.
EXCLUDED='^(ld-linux.*|libc|libm|libdl|libpthread|librt|libresolv|libutil|libanl|libnsl|libBrokenLocale|libmvec|libgcc_s|libstdc\+\+|libGL|libGLX|libGLdispatch|libOpenGL|libEGL|libGLESv2|libglapi|libdrm|libgbm|libvulkan|libX11|libX11-xcb|libxcb|libxcb-.*|libXau|libXdmcp|libwayland-.*|libfontconfig|libfreetype|libharfbuzz|libexpat|libz|libasound|libdbus-1|libudev|libsystemd|libgpg-error|libcom_err|libuuid)\.so(\..*)?$'

# The ELF files under a folder, one a line.
elves_in() {
    find "$1" -type f -exec sh -c 'head -c4 "$1" | grep -q ELF' _ {} \; -print
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
appdir="$work/AppDir"
mkdir -p "$appdir"

# 1. The app as the .deb lays it out, or a bare binary with a desktop entry and an icon.
if [[ -n "$deb" ]]; then
    dpkg-deb -x "$deb" "$appdir"
else
    install -D -m 755 "$binary" "$appdir/usr/bin/dojang-app"
    strip --strip-debug "$appdir/usr/bin/dojang-app"
    install -D -m 644 "$root/icons/128x128.png" "$appdir/usr/share/icons/hicolor/128x128/apps/dojang-app.png"
    mkdir -p "$appdir/usr/share/applications"
    cat >"$appdir/usr/share/applications/Dojang.desktop" <<'EOF'
[Desktop Entry]
Categories=Utility;
Exec=dojang-app %U
StartupWMClass=dojang-app
Icon=dojang-app
Name=Dojang
Terminal=false
Type=Application
EOF
fi
desktop=("$appdir"/usr/share/applications/*.desktop)
[[ ${#desktop[@]} -eq 1 && -f "${desktop[0]}" ]] || { echo "expected one desktop entry" >&2; exit 1; }
cp "${desktop[0]}" "$appdir/"
icon="$(sed -n 's/^Icon=//p' "${desktop[0]}" | head -n1)"
icon_file="$(ls -1 "$appdir"/usr/share/icons/hicolor/*/apps/"$icon".png | sort -V | tail -n1)"
cp "$icon_file" "$appdir/$icon.png"
ln -s "$icon.png" "$appdir/.DirIcon"
install -m 755 "$root/src-tauri/linux/AppRun" "$appdir/AppRun"

# 2. WebKit's helper processes, where the bundled library will look for them.
webkit_lib="$(ldd "$appdir/usr/bin/dojang-app" | awk '$1 ~ /^libwebkit2gtk-4\.1\.so/ {print $3}')"
[[ -f "$webkit_lib" ]] || { echo "the app does not link WebKitGTK 4.1" >&2; exit 1; }
libdir="$(dirname "$(readlink -f "$webkit_lib")")" # e.g. /usr/lib/x86_64-linux-gnu
helpers="$libdir/webkit2gtk-4.1"
[[ "$helpers" == /usr/* ]] || { echo "WebKit is not under /usr: $helpers" >&2; exit 1; }
mkdir -p "$appdir$helpers/injected-bundle"
for process in WebKitNetworkProcess WebKitWebProcess WebKitGPUProcess; do
    if [[ -x "$helpers/$process" ]]; then cp "$helpers/$process" "$appdir$helpers/"; fi
done
cp "$helpers"/injected-bundle/*.so "$appdir$helpers/injected-bundle/"

# 3. Image loaders, and a cache naming them inside APPDIR (AppRun writes it out).
pixbuf_modules="$(pkg-config --variable=gdk_pixbuf_moduledir gdk-pixbuf-2.0)"
mkdir -p "$appdir/usr/lib/gdk-pixbuf-2.0/loaders"
cp "$pixbuf_modules"/*.so "$appdir/usr/lib/gdk-pixbuf-2.0/loaders/"
sed "s|$pixbuf_modules|@APPDIR@/usr/lib/gdk-pixbuf-2.0/loaders|g" \
    "$(pkg-config --variable=gdk_pixbuf_cache_file gdk-pixbuf-2.0)" \
    >"$appdir/usr/lib/gdk-pixbuf-2.0/loaders.cache.in"

# 4. GSettings schemas (GTK's file chooser refuses to start without its own).
install -D -m 644 /usr/share/glib-2.0/schemas/gschemas.compiled "$appdir/usr/share/glib-2.0/schemas/gschemas.compiled"

# 5. Every library the app, the helpers and the loaders need, following each one's own
#    NEEDED entries but stopping at the base system (whose own needs are the system's).
mapfile -t elves < <(elves_in "$appdir/usr")
python3 - "$appdir/usr/lib" "$EXCLUDED" "${elves[@]}" <<'EOF'
import os, re, shutil, subprocess, sys
libdir, excluded, queue = sys.argv[1], re.compile(sys.argv[2]), list(sys.argv[3:])
known = {}  # soname -> path, as this machine's loader cache resolves it (64-bit only)
for line in subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout.splitlines()[1:]:
    name, _, rest = line.strip().partition(" ")
    if "x86-64" in rest:
        known.setdefault(name, rest.rsplit("=> ", 1)[-1])
while queue:
    elf = queue.pop()
    needed = subprocess.run(["patchelf", "--print-needed", elf], capture_output=True, text=True, check=True).stdout.split()
    for soname in needed:
        if excluded.match(soname) or os.path.exists(os.path.join(libdir, soname)):
            continue
        if soname not in known:
            sys.exit(f"{soname} (needed by {elf}) is not on this machine")
        shutil.copy(os.path.realpath(known[soname]), os.path.join(libdir, soname))
        queue.append(os.path.join(libdir, soname))
EOF

# 6. RUNPATH: each object finds the bundled libraries from where it lies (the list is
#    complete from here on: later steps only change files).
mapfile -t elves < <(elves_in "$appdir/usr")
for elf in "${elves[@]}"; do
    rel="$(realpath --relative-to="$(dirname "$elf")" "$appdir/usr/lib")"
    chmod u+w "$elf"
    patchelf --set-rpath "\$ORIGIN/$rel" "$elf"
done

# 7. The helpers' path inside libwebkit2gtk, made relative to APPDIR at the same length.
python3 - "$appdir/usr/lib/$(basename "$webkit_lib")" "$helpers" <<'EOF'
import sys
path, helpers = sys.argv[1], sys.argv[2].encode()
relative = helpers.lstrip(b"/") + b"/"
assert len(relative) == len(helpers)
data = open(path, "rb").read()
count = data.count(helpers)
if count == 0:
    sys.exit(f"{helpers.decode()} not found in {path}")
open(path, "wb").write(data.replace(helpers, relative))
print(f"webkit helper path made relative ({count}x)")
EOF

# 8. The check: every ELF in the AppDir finds each library it needs in the AppDir, or it
#    is the base system's; and the loader resolves all of them.
bad=0
for elf in "${elves[@]}"; do
    for soname in $(patchelf --print-needed "$elf"); do
        if [[ ! "$soname" =~ $EXCLUDED && ! -e "$appdir/usr/lib/$soname" ]]; then
            echo "not bundled: $soname (needed by ${elf#"$appdir"/})" >&2; bad=1
        fi
    done
    if env -u LD_LIBRARY_PATH ldd "$elf" 2>/dev/null | grep -q 'not found'; then
        echo "unresolved in ${elf#"$appdir"/}: $(env -u LD_LIBRARY_PATH ldd "$elf" | grep 'not found' | head -n1)" >&2; bad=1
    fi
done
((bad == 0)) || { echo "the AppDir is incomplete" >&2; exit 1; }

# 9. The image: runtime, then the SquashFS, then the type-2 magic in the ELF header.
mksquashfs "$appdir" "$work/image.sqfs" -comp zstd -root-owned -noappend -quiet >/dev/null
mkdir -p "$(dirname "$out")"
cat "$runtime" "$work/image.sqfs" >"$out.partial"
printf 'AI\002' | dd of="$out.partial" bs=1 seek=8 conv=notrunc status=none
chmod 755 "$out.partial"
mv -f "$out.partial" "$out"
echo "$out: $(du -m "$out" | cut -f1) MiB, $(find "$appdir/usr/lib" -maxdepth 1 -name '*.so*' | wc -l) libraries bundled"
