#!/usr/bin/env python3
"""Draws the static fallback of the classical-vs-deep figure (standard library only).

The numbers are the accuracies that shift.py in
content/04-classical-vision/08-classical-vs-deep.md prints, the same ones the
lesson passes to the figure; the geometry follows
themes/default/static/js/figures/classical-vs-deep.js. The script checks that
the lesson's figure parameters hold these numbers.

    python3 scripts/figures/classical-vs-deep.py           # rewrites the fallback below
    python3 scripts/figures/classical-vs-deep.py --check   # exit 1 if the committed fallback differs
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
LESSON = "content/04-classical-vision/08-classical-vs-deep.md"
OUT = "content/04-classical-vision/classical-vs-deep.svg"

CURVES = {
    "lp": [0.99, 1.00, 1.00, 0.91, 0.56, 0.32], "lt": [0.99, 1.00, 1.00, 0.98, 0.84, 0.36],
    "lc": [0.96, 0.86, 0.61, 0.43, 0.32, 0.21], "lr": [0.95, 0.98, 0.98, 0.97, 0.94, 0.68],
    "cp": [1.00, 1.00, 0.68, 0.58, 0.45, 0.42], "ct": [1.00, 1.00, 0.68, 0.58, 0.46, 0.42],
    "cc": [0.92, 0.92, 0.67, 0.54, 0.41, 0.33], "cr": [0.96, 0.92, 0.93, 0.91, 0.88, 0.87],
}
NAMES = ["pipeline", "top-hat pipeline", "CNN (clean)", "CNN (retrained)"]
SERIES = [1, 2, 4, 3]
# The light theme's --bg, --border, --border-strong, text colours and --fig-1..4.
BG, BORDER, BORDER_STRONG, TEXT, MUTED = "#ffffff", "#d9dee4", "#b9c1cb", "#1b1f24", "#57606a"
FIG = {1: "#c4202c", 2: "#1b5bc9", 3: "#17753a", 4: "#7a48d6"}
DASH = {1: "", 2: ' stroke-dasharray="9 6"', 3: "", 4: ' stroke-dasharray="2 5"'}
W, H, L, R, T, B = 460, 260, 46, 150, 16, 40
PW, PH = W - L - R, H - T - B


def px(i):
    return L + i / 5 * PW


def py(a):
    return T + (1 - a) * PH


def draw(keys, idx):
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" '
           'font-family="system-ui, sans-serif">',
           f'<rect width="{W}" height="{H}" fill="{BG}"/>']
    for a in range(0, 11, 2):
        y = py(a / 10)
        out.append(f'<line x1="{L}" x2="{L + PW}" y1="{y:g}" y2="{y:g}" stroke="{BORDER}"/>')
        out.append(f'<text x="{L - 6}" y="{y + 4:g}" font-size="13" fill="{MUTED}" text-anchor="end">{a / 10:.1f}</text>')
    for i in range(6):
        out.append(f'<text x="{px(i):g}" y="{T + PH + 16}" font-size="13" fill="{MUTED}" text-anchor="middle">'
                   f'{i * 0.2:.1f}</text>')
    out.append(f'<line x1="{L}" x2="{L + PW}" y1="{T + PH}" y2="{T + PH}" stroke="{BORDER_STRONG}" stroke-width="1.5"/>')
    out.append(f'<line x1="{L}" x2="{L}" y1="{T}" y2="{T + PH}" stroke="{BORDER_STRONG}" stroke-width="1.5"/>')
    out.append(f'<text x="{L + PW / 2:g}" y="{H - 6}" font-size="13" font-weight="600" fill="{TEXT}" '
               'text-anchor="middle">severity (lighting gradient)</text>')
    out.append(f'<text x="12" y="{T + PH / 2:g}" font-size="13" font-weight="600" fill="{TEXT}" text-anchor="middle" '
               f'transform="rotate(-90 12 {T + PH / 2:g})">accuracy</text>')
    out.append(f'<line x1="{px(idx):g}" x2="{px(idx):g}" y1="{T}" y2="{T + PH}" stroke="{TEXT}" stroke-width="1.5" '
               'stroke-dasharray="4 3"/>')
    for j, key in enumerate(keys):
        c = SERIES[j]
        pts = " ".join(f"{px(i):g},{py(a):.1f}" for i, a in enumerate(CURVES[key]))
        out.append(f'<polyline points="{pts}" fill="none" stroke="{FIG[c]}" stroke-width="4" stroke-linejoin="round" '
                   f'stroke-linecap="round"{DASH[c]}/>')
        out.append(f'<circle cx="{px(idx):g}" cy="{py(CURVES[key][idx]):.1f}" r="4" fill="{FIG[c]}"/>')
        ly = T + 10 + j * 20
        out.append(f'<line x1="{L + PW + 12}" x2="{L + PW + 40}" y1="{ly}" y2="{ly}" stroke="{FIG[c]}" '
                   f'stroke-width="2.5"{DASH[c]}/>')
        out.append(f'<text x="{L + PW + 46}" y="{ly + 4}" font-size="13" fill="{MUTED}">{NAMES[j]}</text>')
    out.append("</svg>\n")
    return "\n".join(out)


def lesson_matches():
    """The lesson's figure parameters carry the same curves."""
    text = (ROOT / LESSON).read_text()
    line = next(l for l in text.splitlines() if l.startswith("::: figure classical-vs-deep"))
    ok = True
    for key, values in CURVES.items():
        m = re.search(rf"\b{key}=([0-9.,]+)", line)
        if not m or [float(v) for v in m.group(1).split(",")] != values:
            print(f"{LESSON}: the figure's {key} differs from this script's", file=sys.stderr)
            ok = False
    return ok


def main(check=False):
    ok = lesson_matches()
    text = draw(["lp", "lt", "lc", "lr"], 3)
    path = ROOT / OUT
    if check:
        if not path.exists() or path.read_text() != text:
            print(f"{OUT} is out of date: run python3 scripts/figures/classical-vs-deep.py", file=sys.stderr)
            return False
        return ok
    path.write_text(text)
    return ok


if __name__ == "__main__":
    sys.exit(0 if main(check="--check" in sys.argv[1:]) else 1)
