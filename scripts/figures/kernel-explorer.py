#!/usr/bin/env python3
"""Draws the static fallback of the kernel-explorer figure (standard library only).

The grid, kernels and border rules follow
themes/default/static/js/figures/kernel-explorer.js. When OpenCV is
importable, the script also checks that every output the figure can show
equals cv2.filter2D with the same kernel and border mode.

    python3 scripts/figures/kernel-explorer.py           # rewrites the fallback below
    python3 scripts/figures/kernel-explorer.py --check   # exit 1 if the committed fallback differs
"""

import math
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

FIGURES = [({"kernel": "box", "border": "reflect101", "row": 0, "col": 0},
            "content/04-classical-vision/kernel-explorer.svg")]

IMG = [
    [9, 7, 5, 3, 1, 0],
    [8, 6, 4, 2, 1, 0],
    [7, 5, 3, 2, 1, 1],
    [6, 4, 2, 1, 1, 2],
    [5, 3, 2, 1, 2, 3],
    [4, 2, 1, 1, 3, 5],
]
N = 6
KERNELS = {
    "box": ("box blur (÷ 9)", [[1, 1, 1], [1, 1, 1], [1, 1, 1]], 9),
    "gaussian": ("Gaussian 3 × 3 (÷ 16)", [[1, 2, 1], [2, 4, 2], [1, 2, 1]], 16),
    "sharpen": ("sharpen", [[0, -1, 0], [-1, 5, -1], [0, -1, 0]], 1),
    "sobelx": ("Sobel x", [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], 1),
    "shift": ("shift (right neighbour)", [[0, 0, 0], [0, 0, 1], [0, 0, 0]], 1),
}
BORDERS = ["reflect101", "reflect", "replicate", "constant"]

# The light theme's --bg, --bg-muted, --border, --border-strong, --link (--fig-2), text colours.
BG, BG_MUTED, BORDER, BORDER_STRONG, ACCENT = "#ffffff", "#eceff3", "#d9dee4", "#b9c1cb", "#1b5bc9"
TEXT, MUTED = "#1b1f24", "#57606a"
C, TOP, IX = 30, 26, 4
KX = IX + 8 * C + 28
OX = KX + 3 * C + 28
W, H = OX + N * C + 4, TOP + 8 * C + 6


def inside(p, n, mode):
    if 0 <= p < n:
        return p
    if mode == "constant":
        return -1
    if mode == "replicate":
        return 0 if p < 0 else n - 1
    if n == 1:
        return 0
    while p < 0 or p >= n:
        if mode == "reflect":
            p = -p - 1 if p < 0 else 2 * n - 1 - p
        else:
            p = -p if p < 0 else 2 * (n - 1) - p
    return p


def at(y, x, border):
    yy, xx = inside(y, N, border), inside(x, N, border)
    return 0 if yy < 0 or xx < 0 else IMG[yy][xx]


def products(y, x, kernel, border):
    w = KERNELS[kernel][1]
    return [(w[i + 1][j + 1], at(y + i, x + j, border)) for i in (-1, 0, 1) for j in (-1, 0, 1)]


def value(y, x, kernel, border):
    return sum(a * b for a, b in products(y, x, kernel, border)) / KERNELS[kernel][2]


def fmt(v):
    r = round(v * 100) / 100
    return str(int(r)) if r == int(r) else str(r)


def cell_text(v):
    r = math.floor(v * 10 + 0.5) / 10
    return str(int(r)) if r == int(r) else str(r)


def cell(x, y, text, fill, stroke, muted=False, dashed=False):
    dash = ' stroke-dasharray="3 3"' if dashed else ""
    colour, weight = (MUTED, "") if muted else (TEXT, ' font-weight="600"')
    return (f'<rect x="{x}" y="{y}" width="{C - 2}" height="{C - 2}" rx="3" fill="{fill}" stroke="{stroke}"{dash}/>'
            f'<text x="{x + (C - 2) / 2:g}" y="{y + C / 2 + 3:g}" font-size="13"{weight} fill="{colour}" '
            f'text-anchor="middle">{text}</text>')


def label(x, text):
    return f'<text x="{x}" y="16" font-size="13" font-weight="600" fill="{TEXT}">{text}</text>'


def draw(kernel, border, row, col):
    name, w, div = KERNELS[kernel]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" '
           'font-family="system-ui, sans-serif">',
           f'<rect width="{W}" height="{H}" fill="{BG}"/>',
           label(IX, "input + padding"), label(KX, "kernel"), label(OX, "output")]
    for y in range(-1, N + 1):
        for x in range(-1, N + 1):
            pad = y < 0 or x < 0 or y >= N or x >= N
            out.append(cell(IX + (x + 1) * C, TOP + (y + 1) * C, at(y, x, border),
                            BG if pad else BG_MUTED, BORDER_STRONG if pad else BORDER, muted=pad, dashed=pad))
    out.append(f'<rect x="{IX + col * C - 2}" y="{TOP + row * C - 2}" width="{3 * C + 2}" height="{3 * C + 2}" rx="4" '
               f'fill="none" stroke="{ACCENT}" stroke-width="3"/>')
    for i in range(3):
        for j in range(3):
            out.append(cell(KX + j * C, TOP + C + i * C, w[i][j], BG_MUTED, ACCENT))
    if div != 1:
        out.append(f'<text x="{KX + 1.5 * C:g}" y="{TOP + 4 * C + 20}" font-size="13" fill="{MUTED}" '
                   f'text-anchor="middle">÷ {div}</text>')
    for oy in range(N):
        for ox in range(N):
            out.append(cell(OX + ox * C, TOP + C + oy * C, cell_text(value(oy, ox, kernel, border)), BG_MUTED, BORDER,
                            muted=True))
    out.append(f'<rect x="{OX + col * C - 1}" y="{TOP + C + row * C - 1}" width="{C}" height="{C}" rx="4" '
               f'fill="none" stroke="{ACCENT}" stroke-width="3"/>')
    out.append("</svg>\n")
    return "\n".join(out)


def verify_with_opencv():
    """Every output of every kernel and border equals cv2.filter2D's (if OpenCV is there)."""
    try:
        import cv2
        import numpy as np
    except ImportError:
        return True
    modes = {"reflect101": cv2.BORDER_REFLECT_101, "reflect": cv2.BORDER_REFLECT,
             "replicate": cv2.BORDER_REPLICATE, "constant": cv2.BORDER_CONSTANT}
    img = np.array(IMG, dtype=np.float64)
    ok = True
    for kernel, (_, w, div) in KERNELS.items():
        for border in BORDERS:
            want = cv2.filter2D(img, cv2.CV_64F, np.array(w, np.float64) / div, borderType=modes[border])
            got = np.array([[value(y, x, kernel, border) for x in range(N)] for y in range(N)])
            if not np.allclose(got, want, atol=1e-9):
                print(f"{kernel}/{border}: the figure's output differs from cv2.filter2D", file=sys.stderr)
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
        ps = products(params["row"], params["col"], params["kernel"], params["border"])
        total = sum(a * b for a, b in ps)
        print(path, f"window values {[b for _, b in ps]}, sum {total}, output "
                    f"{fmt(value(params['row'], params['col'], params['kernel'], params['border']))}")
    return ok


if __name__ == "__main__":
    sys.exit(0 if main(check="--check" in sys.argv[1:]) else 1)
