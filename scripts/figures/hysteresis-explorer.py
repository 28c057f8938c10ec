#!/usr/bin/env python3
"""Draws the static fallback of the hysteresis-explorer figure (standard library only).

The map and the rules follow themes/default/static/js/figures/hysteresis-explorer.js.
When OpenCV is importable, the script also checks every pair of thresholds
against cv2.connectedComponents (8-connected components of the candidates
that hold a strong pixel).

    python3 scripts/figures/hysteresis-explorer.py           # rewrites the fallback below
    python3 scripts/figures/hysteresis-explorer.py --check   # exit 1 if the committed fallback differs
"""

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

FIGURES = [({"low": 3, "high": 7, "four": False}, "content/04-classical-vision/hysteresis-explorer.svg")]

MAP = [
    [0, 1, 2, 1, 0, 0, 1, 0, 0, 2, 1, 0],
    [1, 8, 6, 4, 4, 3, 1, 0, 1, 5, 4, 1],
    [0, 2, 1, 1, 2, 5, 4, 1, 0, 4, 2, 0],
    [0, 1, 0, 0, 1, 1, 6, 9, 2, 3, 1, 0],
    [1, 4, 5, 3, 0, 1, 2, 1, 7, 1, 0, 1],
    [0, 2, 1, 4, 1, 0, 0, 1, 3, 0, 5, 0],
    [0, 1, 0, 2, 0, 1, 0, 0, 1, 2, 1, 0],
]
H, W = len(MAP), len(MAP[0])

# The light theme's --bg, --bg-muted, --border, --border-strong, --link (--fig-2), text colours.
BG, BG_MUTED, BORDER, BORDER_STRONG, ACCENT = "#ffffff", "#eceff3", "#d9dee4", "#b9c1cb", "#1b5bc9"
TEXT, MUTED = "#1b1f24", "#57606a"
C, TOP, LEFT, LEGEND = 32, 6, 4, 30
SW, SH = LEFT + W * C + 4, TOP + H * C + LEGEND
LEGEND_NAMES = ["below low", "dropped", "kept", "strong"]


def classify(low, high, four=False):
    """0 below low, 1 candidate dropped, 2 candidate kept, 3 strong."""
    cls = [[3 if v >= high else 1 if v >= low else 0 for v in row] for row in MAP]
    stack = [(y, x) for y in range(H) for x in range(W) if cls[y][x] == 3]
    while stack:
        y, x = stack.pop()
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                if four and dy and dx:
                    continue
                ny, nx = y + dy, x + dx
                if 0 <= ny < H and 0 <= nx < W and cls[ny][nx] == 1:
                    cls[ny][nx] = 2
                    stack.append((ny, nx))
    return cls


def counts(cls):
    c = [0, 0, 0, 0]
    for row in cls:
        for k in row:
            c[k] += 1
    return c


def style(k):
    return [f'fill="{BG}" stroke="{BORDER}"',
            f'fill="{BG_MUTED}" stroke="{BORDER_STRONG}" stroke-dasharray="3 3"',
            f'fill="{BG}" stroke="{ACCENT}" stroke-width="2.5"',
            f'fill="{ACCENT}" stroke="{ACCENT}"'][k]


def draw(low, high, four):
    cls = classify(low, high, four)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SW} {SH}" width="{SW}" height="{SH}" '
           'font-family="system-ui, sans-serif">',
           f'<rect width="{SW}" height="{SH}" fill="{BG}"/>']
    for y in range(H):
        for x in range(W):
            k = cls[y][x]
            colour = BG if k == 3 else MUTED if k == 0 else TEXT
            weight = "" if k == 0 else ' font-weight="600"'
            out.append(f'<rect x="{LEFT + x * C}" y="{TOP + y * C}" width="{C - 3}" height="{C - 3}" rx="3" {style(k)}/>'
                       f'<text x="{LEFT + x * C + (C - 3) / 2:g}" y="{TOP + y * C + C / 2 + 3:g}" font-size="13"'
                       f'{weight} fill="{colour}" text-anchor="middle">{MAP[y][x]}</text>')
    for k, dx in [(3, 0), (2, 80), (1, 160), (0, 260)]:
        out.append(f'<rect x="{LEFT + dx}" y="{TOP + H * C + 8}" width="14" height="14" rx="2" {style(k)}/>'
                   f'<text x="{LEFT + dx + 19}" y="{TOP + H * C + 19}" font-size="13" fill="{MUTED}">'
                   f'{LEGEND_NAMES[k]}</text>')
    out.append("</svg>\n")
    return "\n".join(out)


def verify_with_opencv():
    """Every pair of thresholds gives what cv2.connectedComponents gives (if OpenCV is there)."""
    try:
        import cv2
        import numpy as np
    except ImportError:
        return True
    mag = np.array(MAP)
    ok = True
    for low in range(10):
        for high in range(low, 10):
            _, labels = cv2.connectedComponents((mag >= low).astype(np.uint8), connectivity=8)
            keep = np.unique(labels[mag >= high])
            want = np.isin(labels, keep[keep > 0]) & (mag >= low)
            got = np.array(classify(low, high)) >= 2
            if not np.array_equal(got, want):
                print(f"low={low} high={high}: the figure differs from cv2.connectedComponents", file=sys.stderr)
                ok = False
    return ok


def write(path, text, check):
    """Write text to path, or with check only say whether path holds it."""
    if check:
        if not path.exists() or path.read_text() != text:
            print(f"{path.relative_to(ROOT)} is out of date: run python3 {pathlib.Path(__file__).relative_to(ROOT)}",
                  file=sys.stderr)
            return False
        return True
    path.write_text(text)
    return True


def main(check=False):
    ok = verify_with_opencv()
    for params, path in FIGURES:
        ok &= write(ROOT / path, draw(**params), check)
        for four in (False, True):
            below, dropped, kept, strong = counts(classify(params["low"], params["high"], four))
            print(path, f"low {params['low']} high {params['high']} {'4' if four else '8'}-connected: "
                        f"{strong} strong, {kept} kept, {dropped} dropped, {below} below low")
    return ok


if __name__ == "__main__":
    sys.exit(0 if main(check="--check" in sys.argv[1:]) else 1)
