#!/usr/bin/env python3
"""Draws the static fallback of the homography-warp figure (standard library only).

The board, the solver and the readout follow
themes/default/static/js/figures/homography-warp.js. When OpenCV and numpy are
importable, the script also checks that cv2.getPerspectiveTransform gives the
same H for the figure's corners.

    python3 scripts/figures/homography-warp.py           # rewrites the fallback below
    python3 scripts/figures/homography-warp.py --check   # exit 1 if the committed fallback differs
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

FIGURES = [([120, 40, 300, 60, 370, 300, 30, 280], "content/04-classical-vision/homography-warp.svg")]

W, H, SIDE, CELLS = 400, 340, 240, 8
STEP = SIDE / CELLS
SRC = [(0, 0), (SIDE, 0), (SIDE, SIDE), (0, SIDE)]

# The light theme's --bg, --caution (--fig-1), --link (--fig-2), text colours.
BG, FIG1, FIG2, TEXT = "#ffffff", "#c4202c", "#1b5bc9", "#1b1f24"


def solve(src, dst):
    """H with H[2][2] = 1, by the figure's Gaussian elimination."""
    m = []
    for (x, y), (u, v) in zip(src, dst):
        m.append([x, y, 1, 0, 0, 0, -u * x, -u * y, u])
        m.append([0, 0, 0, x, y, 1, -v * x, -v * y, v])
    for c in range(8):
        p = c
        for r in range(c + 1, 8):
            if abs(m[r][c]) > abs(m[p][c]):
                p = r
        if abs(m[p][c]) < 1e-9:
            return None
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, 8):
            f = m[r][c] / m[c][c]
            for k in range(c, 9):
                m[r][k] -= f * m[c][k]
    h = [0.0] * 8
    for c in range(7, -1, -1):
        s = m[c][8]
        for k in range(c + 1, 8):
            s -= m[c][k] * h[k]
        h[c] = s / m[c][c]
    return [[h[0], h[1], h[2]], [h[3], h[4], h[5]], [h[6], h[7], 1.0]]


def apply(m, x, y):
    big_x = m[0][0] * x + m[0][1] * y + m[0][2]
    big_y = m[1][0] * x + m[1][1] * y + m[1][2]
    w = m[2][0] * x + m[2][1] * y + m[2][2]
    return big_x / w, big_y / w, w


def fmt(v, digits):
    """JavaScript's toFixed for the values here (no exact halves occur), without "-0"."""
    s = f"{v:.{digits}f}"
    return s[1:] if re.fullmatch(r"-0\.?0*", s) else s


def corners(flat):
    return [(flat[2 * i], flat[2 * i + 1]) for i in range(4)]


def draw(flat):
    dst = corners(flat)
    m = solve(SRC, dst)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" '
           'font-family="system-ui, sans-serif">',
           f'<rect width="{W}" height="{H}" fill="{BG}"/>']
    for r in range(CELLS):
        for c in range(CELLS):
            pts = []
            for px, py in ((c, r), (c + 1, r), (c + 1, r + 1), (c, r + 1)):
                x, y, _ = apply(m, px * STEP, py * STEP)
                pts.append(f"{x:.1f},{y:.1f}")
            out.append(f'<polygon points="{" ".join(pts)}" fill="{FIG2 if (r + c) % 2 else BG}"/>')
    out.append(f'<polygon points="{" ".join(f"{x},{y}" for x, y in dst)}" fill="none" stroke="{TEXT}" '
               'stroke-width="1.5"/>')
    for i, (x, y) in enumerate(dst):
        out.append(f'<circle cx="{x}" cy="{y}" r="11" fill="{BG}" stroke="{FIG1}" stroke-width="3"/>')
        out.append(f'<text x="{x}" y="{y + 4.5:g}" font-size="13" font-weight="600" fill="{TEXT}" '
                   f'text-anchor="middle">{i + 1}</text>')
    out.append("</svg>\n")
    return "\n".join(out)


def readout(flat):
    dst = corners(flat)
    m = solve(SRC, dst)
    text = "Corners " + ", ".join(f"{i + 1} ({x}, {y})" for i, (x, y) in enumerate(dst)) + ". "
    rows = []
    for i, row in enumerate(m):
        rows.append("[" + ", ".join(("1" if j == 2 else fmt(v, 6)) if i == 2 else fmt(v, 3)
                                    for j, v in enumerate(row)) + "]")
    cx, cy, cw = apply(m, SIDE / 2, SIDE / 2)
    return (text + "H = [" + ", ".join(rows) + f"]. The board's centre (120, 120) has W = {fmt(cw, 3)} and lands at "
            f"({fmt(cx, 1)}, {fmt(cy, 1)}).")


def verify_with_opencv(flat):
    try:
        import cv2
        import numpy as np
    except ImportError:
        return True
    want = cv2.getPerspectiveTransform(np.float32(SRC), np.float32(corners(flat)))
    if not np.allclose(want, solve(SRC, corners(flat)), rtol=1e-6, atol=1e-9):
        print("cv2.getPerspectiveTransform disagrees with the figure's H", file=sys.stderr)
        return False
    return True


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
    ok = True
    for flat, path in FIGURES:
        ok &= verify_with_opencv(flat)
        ok &= write(ROOT / path, draw(flat), check)
        print(path, readout(flat))
        moved = list(flat)
        moved[0] += 5
        print("after ArrowRight on corner 1:", readout(moved))
        moved = list(flat)
        moved[5] -= 1
        print("after Shift+ArrowUp on corner 3:", readout(moved))
        print("folded:", readout([120, 40, 300, 60, 370, 300, 320, 40]))
    return ok


if __name__ == "__main__":
    sys.exit(0 if main(check="--check" in sys.argv[1:]) else 1)
