#!/usr/bin/env python3
"""Draws the static fallback of the otsu-explorer figure (standard library only).

The histogram and formulas follow themes/default/static/js/figures/otsu-explorer.js.
When OpenCV is importable, the script also checks that cv2.threshold with
THRESH_OTSU on an image with this histogram returns the figure's threshold.

    python3 scripts/figures/otsu-explorer.py           # rewrites the fallback below
    python3 scripts/figures/otsu-explorer.py --check   # exit 1 if the committed fallback differs
"""

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

FIGURES = [({"t": 4}, "content/04-classical-vision/otsu-explorer.svg")]

HIST = [2, 6, 12, 18, 14, 8, 4, 2, 1, 2, 5, 9, 13, 10, 5, 2]
L, N = len(HIST), sum(HIST)

# The light theme's --bg, --border-strong, --caution (--fig-1), --link (--fig-2), text colours.
BG, BORDER_STRONG, FIG1, FIG2 = "#ffffff", "#b9c1cb", "#c4202c", "#1b5bc9"
TEXT, MUTED = "#1b1f24", "#57606a"
BW, LEFT, TOP, HH, GAP, VH, HMAX = 26, 40, 20, 120, 36, 80, 18
SW, SH = LEFT + L * BW + 10, TOP + HH + 18 + GAP + VH + 24
VTOP = TOP + HH + 18 + GAP


def stats(t):
    n0 = sum(HIST[:t + 1])
    s0 = sum(v * HIST[v] for v in range(t + 1))
    s = sum(v * c for v, c in enumerate(HIST))
    w0, w1 = n0 / N, (N - n0) / N
    m0, m1 = s0 / n0, (s - s0) / (N - n0)
    return w0, w1, m0, m1, w0 * w1 * (m0 - m1) ** 2


B = [stats(t)[4] for t in range(L - 1)]
BEST = max(range(L - 1), key=lambda t: (B[t], -t))
BMAX = B[BEST]


def js_fixed(v, digits):
    """Like JavaScript's toFixed for the values here (no exact halves occur)."""
    return f"{v:.{digits}f}"


def draw(t):
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SW} {SH}" width="{SW}" height="{SH}" '
           'font-family="system-ui, sans-serif">',
           f'<rect width="{SW}" height="{SH}" fill="{BG}"/>',
           f'<text x="4" y="13" font-size="13" font-weight="600" fill="{TEXT}">histogram (pixels per gray level)</text>']
    for v in range(L):
        h = HIST[v] / HMAX * HH
        out.append(f'<rect x="{LEFT + v * BW + 2}" y="{TOP + HH - h:g}" width="{BW - 4}" height="{h:g}" '
                   f'fill="{FIG1 if v <= t else FIG2}"/>')
        out.append(f'<text x="{LEFT + v * BW + BW / 2:g}" y="{TOP + HH + 14}" font-size="12" fill="{MUTED}" '
                   f'text-anchor="middle">{v}</text>')
    tx = LEFT + (t + 1) * BW
    out.append(f'<line x1="{tx}" x2="{tx}" y1="{TOP - 4}" y2="{VTOP + VH}" stroke="{TEXT}" stroke-width="2" '
               'stroke-dasharray="4 3"/>')
    out.append(f'<text x="4" y="{VTOP - 8}" font-size="13" font-weight="600" fill="{TEXT}">'
               'between-class variance at each t</text>')
    pts = " ".join(f"{LEFT + (k + 1) * BW},{VTOP + VH - b / BMAX * VH:.1f}" for k, b in enumerate(B))
    out.append(f'<polyline points="{pts}" fill="none" stroke="{FIG2}" stroke-width="2"/>')
    out.append(f'<line x1="{LEFT}" x2="{LEFT + L * BW}" y1="{VTOP + VH}" y2="{VTOP + VH}" stroke="{BORDER_STRONG}"/>')
    out.append(f'<circle cx="{LEFT + (BEST + 1) * BW}" cy="{VTOP}" r="5" fill="none" stroke="{TEXT}" stroke-width="2"/>')
    out.append(f'<circle cx="{tx}" cy="{VTOP + VH - B[t] / BMAX * VH:g}" r="4" fill="{TEXT}"/>')
    out.append(f'<text x="{LEFT + (BEST + 1) * BW + 8}" y="{VTOP + 4}" font-size="12" fill="{MUTED}">'
               f'Otsu: t = {BEST}</text>')
    out.append("</svg>\n")
    return "\n".join(out)


def readout(t):
    w0, w1, m0, m1, b = stats(t)
    return (f"t = {t}: class 0 (values ≤ {t}) has w0 = {js_fixed(w0, 3)} and mean {js_fixed(m0, 2)}; class 1 has "
            f"w1 = {js_fixed(w1, 3)} and mean {js_fixed(m1, 2)}; between-class variance {js_fixed(b, 3)}. "
            f"Otsu's threshold is {BEST} (variance {js_fixed(BMAX, 3)})" + (", this one." if t == BEST else "."))


def verify_with_opencv():
    """cv2's Otsu threshold on an image with this histogram is the figure's (if OpenCV is there)."""
    try:
        import cv2
        import numpy as np
    except ImportError:
        return True
    img = np.repeat(np.arange(L, dtype=np.uint8), HIST).reshape(1, N)
    got = int(cv2.threshold(img, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[0])
    if got != BEST:
        print(f"cv2.threshold gives {got}, the figure {BEST}", file=sys.stderr)
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
    ok = verify_with_opencv()
    for params, path in FIGURES:
        ok &= write(ROOT / path, draw(**params), check)
        print(path, readout(params["t"]))
        print(path, readout(BEST))
    return ok


if __name__ == "__main__":
    sys.exit(0 if main(check="--check" in sys.argv[1:]) else 1)
