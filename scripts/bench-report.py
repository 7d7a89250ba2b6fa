#!/usr/bin/env python3
"""Writes the benchmarks' figures into docs/benchmarks.md and draws docs/benchmarks.svg.

scripts/bench.sh runs every benchmark, keeps their RESULT lines and the issuance job's
samples, and calls this:

    bench-report.py RESULTS SAMPLES_DIR DOCS_DIR

RESULTS holds the RESULT lines; SAMPLES_DIR the issuance job's wall times, one number
(milliseconds) per line, in dojang.txt and openssl.txt. The part of benchmarks.md between
the two `results` markers is replaced: the machine, the date, and every RESULT with its
peer and ratio. The chart shows the issuance job's distributions (every run a dot, the
median a bar) and the app's cold start and memory against the floor and XCA.
"""

import html
import os
import platform
import re
import sys
import time
from pathlib import Path

START = "<!-- results: written by scripts/bench.sh, do not edit by hand -->"
END = "<!-- results: end -->"


def results(path):
    """RESULT lines as (name, {field: value}, raw)."""
    out = []
    for line in Path(path).read_text().splitlines():
        if not line.startswith("RESULT "):
            continue
        parts = line.split()
        fields = {}
        for part in parts[2:]:
            if "=" in part:
                key, value = part.split("=", 1)
                fields[key] = value
        out.append((parts[1], fields, line[len("RESULT ") :]))
    return out


def samples(path):
    try:
        return [float(x) for x in Path(path).read_text().split()]
    except FileNotFoundError:
        return []


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f", {kib / 1048576:.0f} GiB of memory"
    except (OSError, AttributeError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){memory}, Linux {platform.release()}"


def number(fields, key):
    try:
        return float(fields[key])
    except (KeyError, ValueError):
        return None


def svg_chart(found, dojang_issue, openssl_issue):
    """The chart: the issuance job's distributions; cold start and memory (USS) against the
    floor and XCA."""
    width, height = 760, 420
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
    ]

    def text(x, y, s, anchor="start", weight="normal", size=12, fill="#222"):
        out.append(
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-weight="{weight}" '
            f'font-size="{size}" fill="{fill}">{html.escape(s)}</text>'
        )

    # Panel 1: the whole issuance job, every run a dot.
    text(20, 28, "Issuance job (RSA-2048 key + certificate over CMP), ms per run", weight="bold", size=14)
    left, right, top = 110, width - 30, 50
    rows = [("Dojang", dojang_issue, "#c0392b"), ("OpenSSL", openssl_issue, "#555")]
    longest = max(dojang_issue + openssl_issue + [1.0])
    scale = (right - left) / (longest * 1.05)
    for tick in range(0, int(longest * 1.05) + 1, max(50, int(longest / 6 / 50 + 1) * 50)):
        x = left + tick * scale
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + 100}" stroke="#ddd"/>')
        text(x, top + 116, str(tick), anchor="middle", fill="#666")
    for i, (label, values, colour) in enumerate(rows):
        y = top + 25 + i * 50
        text(left - 10, y + 4, label, anchor="end")
        for j, v in enumerate(sorted(values)):
            jitter = ((j * 7) % 11 - 5) * 1.6
            out.append(
                f'<circle cx="{left + v * scale:.1f}" cy="{y + jitter:.1f}" r="3" '
                f'fill="{colour}" fill-opacity="0.55"/>'
            )
        if values:
            median = sorted(values)[len(values) // 2]
            x = left + median * scale
            out.append(f'<line x1="{x:.1f}" y1="{y - 16}" x2="{x:.1f}" y2="{y + 16}" stroke="{colour}" stroke-width="3"/>')
            text(x + 6, y - 10, f"median {median:.0f}", fill=colour)

    # Panel 2 and 3: cold start and memory, bars against the floor and XCA.
    app = dict((name, fields) for name, fields, _ in found)
    cold = app.get("app_cold_start", {})
    changed_cold = app.get("app_changed_cold_start", {})
    xca_cold = app.get("xca_cold_start", {})
    memory = app.get("app_memory_idle", {})
    xca_memory = app.get("xca_memory_idle", {})
    panels = [
        (
            "Cold start to the list painted, ms",
            [
                ("Dojang, list as it was", number(cold, "dojang_ms"), "#c0392b"),
                ("Dojang, nothing kept", number(changed_cold, "dojang_ms"), "#e08e79"),
                ("Floor (minimal Tauri app)", number(cold, "floor_ms"), "#888"),
                ("XCA (Qt)", number(xca_cold, "xca_ms"), "#4a6fa5"),
            ],
            f"goal: at most {cold.get('goal', '1.25')} times the floor",
        ),
        (
            "Memory at idle (USS: private pages), MiB",
            [
                ("Dojang", number(memory, "dojang_uss_mib"), "#c0392b"),
                ("Floor (minimal Tauri app)", number(memory, "floor_uss_mib"), "#888"),
                ("XCA (Qt)", number(xca_memory, "xca_uss_mib"), "#4a6fa5"),
            ],
            f"goal: at most {memory.get('goal', '1.3')} times the floor",
        ),
    ]
    for p, (title, bars, goal) in enumerate(panels):
        x0 = 20 + p * (width / 2)
        y0 = 220
        text(x0, y0, title, weight="bold", size=14)
        present = [b for b in bars if b[1] is not None]
        most = max([v for _, v, _ in present] + [1.0])
        bar_left = x0 + 170
        bar_width = width / 2 - 230
        step = 45 if len(bars) <= 3 else 34
        for i, (label, value, colour) in enumerate(bars):
            y = y0 + 25 + i * step
            text(bar_left - 8, y + 16, label, anchor="end", size=11)
            if value is None:
                text(bar_left, y + 16, "not measured", fill="#999")
                continue
            w = bar_width * value / most
            out.append(f'<rect x="{bar_left:.1f}" y="{y}" width="{w:.1f}" height="24" fill="{colour}"/>')
            text(bar_left + w + 4, y + 16, f"{value:.0f}", size=11)
        text(x0, y0 + 170, goal, fill="#666", size=11)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    found = results(sys.argv[1])
    dojang_issue = samples(Path(sys.argv[2]) / "dojang.txt")
    openssl_issue = samples(Path(sys.argv[2]) / "openssl.txt")
    docs = Path(sys.argv[3])
    (docs / "benchmarks.svg").write_text(svg_chart(found, dojang_issue, openssl_issue))

    lines = [
        START,
        "",
        f"Last run: {time.strftime('%Y-%m-%d')}, on {machine()}.",
        "",
        "![Issuance job, cold start and memory against their peers](benchmarks.svg)",
        "",
        "| benchmark | figures |",
        "| --- | --- |",
    ]
    for name, _, raw in found:
        figures = raw[len(name) :].strip().replace("|", "\\|")
        lines.append(f"| `{name}` | {figures} |")
    lines += ["", END]
    page = docs / "benchmarks.md"
    text = page.read_text()
    block = "\n".join(lines)
    if START in text and END in text:
        text = text[: text.index(START)] + block + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n## Figures of the last run\n\n" + block + "\n"
    page.write_text(text)


if __name__ == "__main__":
    main()
