#!/usr/bin/env python3
"""Draws the static fallback of the harris-explorer figure (standard library only).

The image and the formulas follow themes/default/static/js/figures/harris-explorer.js:
a 36 x 36 uint8 image (a rectangle and a diamond on a dark background), the
3 x 3 Sobel derivatives with reflect-101 borders and OpenCV's scale, the
structure tensor summed over a window x window box, R = det - k trace^2, and
keypoints where R > 1% of its maximum and no 8-neighbour is larger, edges
where R < -1% of the largest |R|. When
OpenCV is importable, the script also checks R against cv2.cornerHarris.

    python3 scripts/figures/harris-explorer.py           # rewrites the fallback below
    python3 scripts/figures/harris-explorer.py --check   # exit 1 if the committed fallback differs
"""

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

FIGURES = [({"k": 0.04, "window": 3}, "content/04-classical-vision/harris-explorer.svg")]

N = 36


def make_image():
    img = [[40] * N for _ in range(N)]
    for y in range(5, 17):
        for x in range(4, 20):
            img[y][x] = 210
    for y in range(N):
        for x in range(N):
            if abs(y - 25) + abs(x - 24) <= 7:
                img[y][x] = 150
    return img


IMG = make_image()


def reflect(i, n):
    """BORDER_REFLECT_101 index."""
    while i < 0 or i >= n:
        i = -i if i < 0 else 2 * n - 2 - i
    return i


def sobel():
    s = 1 / (4 * 255)  # times 1 / window, applied in response()
    ix = [[0.0] * N for _ in range(N)]
    iy = [[0.0] * N for _ in range(N)]
    for y in range(N):
        for x in range(N):
            p = [[IMG[reflect(y + dy, N)][reflect(x + dx, N)] for dx in (-1, 0, 1)] for dy in (-1, 0, 1)]
            gx = (p[0][2] - p[0][0]) + 2 * (p[1][2] - p[1][0]) + (p[2][2] - p[2][0])
            gy = (p[2][0] - p[0][0]) + 2 * (p[2][1] - p[0][1]) + (p[2][2] - p[0][2])
            ix[y][x], iy[y][x] = gx * s, gy * s
    return ix, iy


IX, IY = sobel()


def response(k, window):
    """R at every pixel, as cv2.cornerHarris(img, window, 3, k)."""
    before = window // 2
    w2 = window * window
    a = [[0.0] * N for _ in range(N)]
    b = [[0.0] * N for _ in range(N)]
    c = [[0.0] * N for _ in range(N)]
    for y in range(N):
        for x in range(N):
            sa = sb = sc = 0.0
            for i in range(window):
                yy = reflect(y - before + i, N)
                for j in range(window):
                    xx = reflect(x - before + j, N)
                    gx, gy = IX[yy][xx], IY[yy][xx]
                    sa += gx * gx
                    sb += gx * gy
                    sc += gy * gy
            a[y][x], b[y][x], c[y][x] = sa / w2, sb / w2, sc / w2
    return [[a[y][x] * c[y][x] - b[y][x] ** 2 - k * (a[y][x] + c[y][x]) ** 2 for x in range(N)] for y in range(N)]


def keypoints(r):
    top = max(max(row) for row in r)
    out = []
    for y in range(N):
        for x in range(N):
            v = r[y][x]
            if v <= 0.01 * top:
                continue
            if all(v >= r[y + dy][x + dx] for dy in (-1, 0, 1) for dx in (-1, 0, 1)
                   if 0 <= y + dy < N and 0 <= x + dx < N):
                out.append((y, x))
    return out


PROBES = [("a corner of the rectangle", 5, 4), ("its left edge", 10, 4), ("the diamond's top tip", 18, 24),
          ("the flat background", 30, 5)]


def fmt(v):
    """Like the JS: 4 decimals, with a real minus sign; -0 is 0."""
    s = f"{v:.4f}"
    if s in ("-0.0000",):
        s = "0.0000"
    return s.replace("-", "\u2212")


def readout(k, window):
    r = response(k, window)
    kps = keypoints(r)
    top = max(max(row) for row in r)
    low = min(min(row) for row in r)
    size = max(abs(v) for row in r for v in row)
    neg = sum(1 for row in r for v in row if v < -0.01 * size)
    parts = [f"k = {k:.2f}, window {window} \u00d7 {window}: {len(kps)} keypoints (R above 1% of its largest value and "
             f"no neighbour larger); R runs from {fmt(low)} to {fmt(top)}, and {neg} pixels are edges "
             "(R below \u22121% of the largest |R|)."]
    parts.append(" R at " + "; ".join(f"{name} (row {y}, column {x}): {fmt(r[y][x])}" for name, y, x in PROBES) + ".")
    return "".join(parts)


# The light theme's --bg, --caution (--fig-1), --link (--fig-2), text colours.
BG, FIG1, FIG2, TEXT, MUTED = "#ffffff", "#c4202c", "#1b5bc9", "#1b1f24", "#57606a"
C, GAP, TOP, LEFT = 7, 24, 22, 4
SW, SH = LEFT + 2 * N * C + GAP + 4, TOP + N * C + 8


def draw(k, window):
    r = response(k, window)
    kps = keypoints(r)
    scale = max(abs(v) for row in r for v in row) or 1.0
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SW} {SH}" width="{SW}" height="{SH}" '
           'font-family="system-ui, sans-serif">',
           f'<rect width="{SW}" height="{SH}" fill="{BG}"/>',
           f'<text x="{LEFT}" y="15" font-size="13" font-weight="600" fill="{TEXT}">image</text>',
           f'<text x="{LEFT + N * C + GAP}" y="15" font-size="13" font-weight="600" fill="{TEXT}">'
           f'Harris response R (k = {k:.2f}, window {window})</text>']
    for y in range(N):  # runs of equal pixels as one rect
        x = 0
        while x < N:
            v, end = IMG[y][x], x
            while end < N and IMG[y][end] == v:
                end += 1
            out.append(f'<rect x="{LEFT + x * C}" y="{TOP + y * C}" width="{(end - x) * C}" height="{C}" '
                       f'fill="rgb({v},{v},{v})"/>')
            x = end
    x0 = LEFT + N * C + GAP
    for y in range(N):
        for x in range(N):
            v = r[y][x] / scale
            t = min(1.0, abs(v) ** 0.5)
            if t < 0.005:
                continue  # transparent: the background shows
            col = FIG1 if v > 0 else FIG2
            out.append(f'<rect x="{x0 + x * C}" y="{TOP + y * C}" width="{C}" height="{C}" fill="{col}" '
                       f'fill-opacity="{t:.2f}"/>')
    for y, x in kps:
        out.append(f'<circle cx="{x0 + x * C + C / 2:g}" cy="{TOP + y * C + C / 2:g}" r="5" fill="none" '
                   f'stroke="{TEXT}" stroke-width="1.5"/>')
    out.append("</svg>\n")
    return "\n".join(out)


def verify_with_opencv():
    try:
        import cv2
        import numpy as np
    except ImportError:
        return True
    img = np.array(IMG, dtype=np.uint8)
    ok = True
    for k in (0.0, 0.04, 0.1, 0.25):
        for window in range(1, 8):
            ref = cv2.cornerHarris(img, window, 3, k).astype(np.float64)
            mine = np.array(response(k, window))
            s = float(np.abs(mine).max()) or 1.0
            if np.abs(mine - ref).max() > 1e-5 * s:
                print(f"k = {k}, window {window}: differs from cv2.cornerHarris by {np.abs(mine - ref).max():.3g}",
                      file=sys.stderr)
                ok = False
    return ok


def write(path, text, check):
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
        print(path, readout(**params))
    if "--readouts" in sys.argv[1:]:
        for k, window in [(0.04, 3), (0.05, 3), (0.04, 4), (0.25, 3), (0.0, 1), (0.04, 7), (0.1, 5)]:
            print(readout(k, window))
    return ok


if __name__ == "__main__":
    sys.exit(0 if main(check="--check" in sys.argv[1:]) else 1)
