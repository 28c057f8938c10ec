#!/usr/bin/env python3
"""Draws the static fallback of the morphology-explorer figure (standard library only).

The image and the rules follow themes/default/static/js/figures/morphology-explorer.js.
When OpenCV is importable, the script also checks every operation against
cv2.erode, cv2.dilate and cv2.morphologyEx with a 3 x 3 square and the
labels against cv2.connectedComponentsWithStats (4 and 8 neighbours).

    python3 scripts/figures/morphology-explorer.py           # rewrites the fallback below
    python3 scripts/figures/morphology-explorer.py --check   # exit 1 if the committed fallback differs
"""

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

FIGURES = [({"four": False, "min_area": 1}, "content/04-classical-vision/morphology-explorer.svg")]

ROWS = [
    "...........................",
    "...........................",
    "..####...#...######........",
    "..####.......#.####........",
    "..####.......######.....#..",
    ".............######....#...",
    ".............######...#....",
    "...........#...............",
    "..###..###.................",
    "..########.................",
    "..###..###....###.###......",
    "..............###.###......",
    "..............###.###......",
    "........................#..",
    "...........................",
    "...........................",
]
ORIGINAL = [[1 if c == "#" else 0 for c in row] for row in ROWS]
H, W = len(ROWS), len(ROWS[0])

# The light theme's --bg, --bg-muted, --border, --border-strong, --text and --fig-1..4.
BG, BG_MUTED, BORDER, BORDER_STRONG, TEXT = "#ffffff", "#eceff3", "#d9dee4", "#b9c1cb", "#1b1f24"
FIG = ["#c4202c", "#1b5bc9", "#17753a", "#7a48d6"]
C, TOP, LEFT = 22, 4, 4
SW, SH = LEFT + W * C + 4, TOP + H * C + 4


def morph(m, erode):
    """Erosion (min) or dilation (max) over a 3 x 3 square; outside is 1 for erosion, 0 for dilation."""
    out = []
    for y in range(H):
        row = []
        for x in range(W):
            vals = [m[y + dy][x + dx] if 0 <= y + dy < H and 0 <= x + dx < W else int(erode)
                    for dy in (-1, 0, 1) for dx in (-1, 0, 1)]
            row.append(min(vals) if erode else max(vals))
        out.append(row)
    return out


OPS = {
    "erode": lambda m: morph(m, True),
    "dilate": lambda m: morph(m, False),
    "open": lambda m: morph(morph(m, True), False),
    "close": lambda m: morph(morph(m, False), True),
}


def label(m, four=False):
    """Labels 1..n in raster order of each component's first pixel, and the areas."""
    lab = [[0] * W for _ in range(H)]
    areas = []
    for y in range(H):
        for x in range(W):
            if not m[y][x] or lab[y][x]:
                continue
            n = len(areas) + 1
            lab[y][x] = n
            stack, area = [(y, x)], 0
            while stack:
                py, px = stack.pop()
                area += 1
                for dy in (-1, 0, 1):
                    for dx in (-1, 0, 1):
                        if four and dy and dx:
                            continue
                        ny, nx = py + dy, px + dx
                        if 0 <= ny < H and 0 <= nx < W and m[ny][nx] and not lab[ny][nx]:
                            lab[ny][nx] = n
                            stack.append((ny, nx))
            areas.append(area)
    return lab, areas


def draw(four, min_area):
    lab, areas = label(ORIGINAL, four)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SW} {SH}" width="{SW}" height="{SH}" '
           'font-family="system-ui, sans-serif">',
           f'<rect width="{SW}" height="{SH}" fill="{BG}"/>']
    for y in range(H):
        for x in range(W):
            k, px, py = lab[y][x], LEFT + x * C, TOP + y * C
            rect = f'<rect x="{px}" y="{py}" width="{C - 2}" height="{C - 2}" rx="2" '
            if not k:
                out.append(rect + f'fill="{BG}" stroke="{BORDER}"/>')
                continue
            big = areas[k - 1] >= min_area
            colour = FIG[(k - 1) % 4]
            style = (f'fill="{colour}" stroke="{colour}"' if big
                     else f'fill="{BG_MUTED}" stroke="{BORDER_STRONG}" stroke-dasharray="3 2"')
            out.append(rect + style + "/>"
                       f'<text x="{px + (C - 2) / 2:g}" y="{py + C / 2 + 3:g}" font-size="11" '
                       f'fill="{BG if big else TEXT}" text-anchor="middle">{k}</text>')
    out.append("</svg>\n")
    return "\n".join(out)


def verify_with_opencv():
    """Every operation and labelling equals OpenCV's (if OpenCV is there)."""
    try:
        import cv2
        import numpy as np
    except ImportError:
        return True
    se = np.ones((3, 3), np.uint8)
    cv = {
        "erode": lambda a: cv2.erode(a, se),
        "dilate": lambda a: cv2.dilate(a, se),
        "open": lambda a: cv2.morphologyEx(a, cv2.MORPH_OPEN, se),
        "close": lambda a: cv2.morphologyEx(a, cv2.MORPH_CLOSE, se),
    }
    ok = True
    images = [ORIGINAL] + [OPS[k](ORIGINAL) for k in OPS] + [OPS[k](OPS[j](ORIGINAL)) for k in OPS for j in OPS]
    for m in images:
        a = np.array(m, np.uint8) * 255
        for name in OPS:
            if not np.array_equal(np.array(OPS[name](m), np.uint8) * 255, cv[name](a)):
                print(f"{name}: the figure differs from OpenCV", file=sys.stderr)
                ok = False
        for conn in (4, 8):
            n, labels, stats, _ = cv2.connectedComponentsWithStats(a, connectivity=conn)
            lab, areas = label(m, conn == 4)
            # Same partition: each of our labels maps to exactly one of OpenCV's.
            lab = np.array(lab)
            pairs = set(zip(lab.ravel().tolist(), labels.ravel().tolist()))
            if len(pairs) != n or len(areas) != n - 1 or sorted(areas) != sorted(stats[1:, cv2.CC_STAT_AREA].tolist()):
                print(f"{conn}-connectivity: the figure's labels differ from OpenCV's", file=sys.stderr)
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
    for steps in ([], ["erode"], ["dilate"], ["open"], ["close"], ["close", "open"], ["open", "close"]):
        m = ORIGINAL
        for s in steps:
            m = OPS[s](m)
        for four in (False, True):
            _, areas = label(m, four)
            print(" → ".join(["original"] + steps), f"{'4' if four else '8'}-connected: {len(areas)} components,",
                  "areas", ", ".join(map(str, areas)))
    return ok


if __name__ == "__main__":
    sys.exit(0 if main(check="--check" in sys.argv[1:]) else 1)
