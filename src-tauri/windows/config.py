#!/usr/bin/env python3
"""What the Windows installer takes from the app's Tauri config, for makensis.

    config.py TAURI_CONF [OVERLAY] --nsh OUT.nsh

Reads src-tauri/tauri.conf.json with a branding overlay merged over it as Tauri merges one
(a JSON merge patch, RFC 7396: objects merge, anything else is replaced), writes OUT.nsh
for src-tauri/windows/dojang.nsi (the build's names, version, icon, installer images and
the files of `bundle.resources`, as NSIS defines and macros) and prints shell assignments
for scripts/windows.sh: product, version, updater_artifacts.

Paths in both files are relative to src-tauri/, the folder of TAURI_CONF, as for Tauri.
"""

import argparse
import json
import os
import shlex
import sys


def merge(base, patch):
    """RFC 7396, as json_patch::merge does it for Tauri's --config."""
    if not isinstance(patch, dict):
        return patch
    result = dict(base) if isinstance(base, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge(result.get(key), value)
    return result


def fail(message):
    print(f"config.py: {message}", file=sys.stderr)
    sys.exit(1)


def nsis_string(value):
    """A value for an NSIS define between double quotes."""
    text = str(value)
    if any(c in text for c in "\r\n"):
        fail(f"a line break in {text!r}")
    return text.replace("$", "$$").replace('"', '$\\"')


def resource_files(resources, tauri_dir):
    """`bundle.resources` as (source, target) pairs of files, targets relative to the
    install folder (which is the app's resource folder on Windows)."""
    if resources is None:
        return []
    if isinstance(resources, list):
        # A list keeps each file's relative path; only plain paths inside src-tauri/ are
        # taken (Tauri renames `..` and expands patterns, which this script does not).
        pairs = []
        for path in resources:
            if any(c in path for c in "*?[") or path.startswith("..") or os.path.isabs(path):
                fail(f"bundle.resources: use the map form for {path!r}")
            pairs.append((path, path))
        resources = dict(pairs)
    files = []
    for source, target in resources.items():
        target = target.replace("\\", "/").strip("/")
        parts = target.split("/") if target else []
        if os.path.isabs(target) or ".." in parts:
            fail(f"bundle.resources: {target!r} must stay inside the install folder")
        path = os.path.normpath(os.path.join(tauri_dir, source))
        if os.path.isdir(path):
            for root, dirs, names in os.walk(path):
                dirs.sort()
                for name in sorted(names):
                    full = os.path.join(root, name)
                    relative = os.path.relpath(full, path).replace(os.sep, "/")
                    files.append((full, "/".join(parts + [relative])))
        elif os.path.isfile(path):
            if not parts:
                fail(f"bundle.resources: {source!r} needs a file name")
            files.append((path, "/".join(parts)))
        else:
            fail(f"bundle.resources: {source!r} is missing")
    return files


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("tauri_conf")
    parser.add_argument("overlay", nargs="?")
    parser.add_argument("--nsh", required=True)
    args = parser.parse_args()

    tauri_dir = os.path.dirname(os.path.abspath(args.tauri_conf))
    with open(args.tauri_conf, encoding="utf-8") as f:
        base = json.load(f)
    config = base
    if args.overlay:
        with open(args.overlay, encoding="utf-8") as f:
            overlay = json.load(f)
        config = merge(base, overlay)
        # Beside the unbranded build, never over it: its install folder is named by the
        # product, its registrations by the identifier.
        for key in ("identifier", "productName"):
            if config.get(key) == base.get(key):
                fail(f"{args.overlay}: {key} must differ from Dojang's own ({base.get(key)!r})")

    def path(value, what):
        full = os.path.normpath(os.path.join(tauri_dir, value))
        if not os.path.isfile(full):
            fail(f"{what}: {value!r} is missing")
        return full

    product = config.get("productName") or fail("productName is missing")
    if any(c in product for c in '\\/:*?"<>|'):
        fail(f"productName {product!r} cannot name a folder")
    identifier = config.get("identifier") or fail("identifier is missing")
    version = config.get("version") or fail("version is missing")
    # Windows' file version is four numbers: the semver's core and a zero.
    core = version.split("-")[0].split("+")[0].split(".")
    if len(core) != 3 or not all(p.isdigit() for p in core):
        fail(f"version {version!r} is not major.minor.patch")
    windows = config.get("app", {}).get("windows") or [{}]
    display_name = windows[0].get("title") or product
    bundle = config.get("bundle", {})
    ico = [i for i in bundle.get("icon", []) if i.lower().endswith(".ico")]
    if not ico:
        fail("bundle.icon has no .ico")
    icon = path(ico[0], "bundle.icon")
    nsis = bundle.get("windows", {}).get("nsis", {})
    installer_icon = path(nsis["installerIcon"], "installerIcon") if nsis.get("installerIcon") else icon

    defines = {
        "PRODUCT": product,
        "DISPLAY_NAME": display_name,
        "APP_ID": identifier,
        "VERSION": version,
        "FILE_VERSION": ".".join(core + ["0"]),
        "PUBLISHER": bundle.get("publisher") or product,
        # Branded builds are Dojang under its licence too, unless they say more.
        "COPYRIGHT": bundle.get("copyright") or "Dojang contributors, Apache License 2.0",
        "ICON": icon,
        "INSTALLER_ICON": installer_icon,
    }
    for key, define in (("headerImage", "HEADER_IMAGE"), ("sidebarImage", "SIDEBAR_IMAGE")):
        if nsis.get(key):
            image = path(nsis[key], key)
            if not image.lower().endswith(".bmp"):
                fail(f"{key}: NSIS takes a .bmp, not {nsis[key]!r}")
            defines[define] = image

    files = resource_files(bundle.get("resources"), tauri_dir)
    folders = sorted(
        {"/".join(t.split("/")[:i]) for _, t in files for i in range(1, t.count("/") + 1)},
        key=lambda f: (-f.count("/"), f),
    )

    def windows_path(target):
        return target.replace("/", "\\")

    lines = [
        f"; Written by src-tauri/windows/config.py from {os.path.relpath(args.tauri_conf)}"
        + (f" and {os.path.relpath(args.overlay)}" if args.overlay else "")
        + "; not kept.",
    ]
    lines += [f'!define {k} "{nsis_string(v)}"' for k, v in defines.items()]
    lines.append("; bundle.resources, into the install folder (the app's resource folder).")
    lines.append("!macro InstallResources")
    for folder in sorted(folders, key=lambda f: (f.count("/"), f)):
        lines.append(f'  CreateDirectory "$INSTDIR\\{nsis_string(windows_path(folder))}"')
    for source, target in files:
        lines.append(f'  File "/oname={nsis_string(windows_path(target))}" "{nsis_string(source)}"')
    lines.append("!macroend")
    lines.append("!macro UninstallResources")
    for _, target in files:
        lines.append(f'  Delete "$INSTDIR\\{nsis_string(windows_path(target))}"')
    for folder in folders:
        lines.append(f'  RMDir "$INSTDIR\\{nsis_string(windows_path(folder))}"')
    lines.append("!macroend")
    with open(args.nsh, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")

    print(f"product={shlex.quote(product)}")
    print(f"version={shlex.quote(version)}")
    print(f"updater_artifacts={1 if bundle.get('createUpdaterArtifacts') else 0}")


if __name__ == "__main__":
    main()
