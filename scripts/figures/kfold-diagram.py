#!/usr/bin/env python3
"""Draws the static fallbacks of the kfold-diagram figure (standard library only).

The rows follow themes/default/static/js/figures/kfold-diagram.js, which
follows scikit-learn's KFold (no shuffling) and TimeSeriesSplit(n_splits, gap).

    python3 scripts/figures/kfold-diagram.py     # rewrites every fallback below
    python3 scripts/figures/kfold-diagram.py --check   # exit 1 if a committed fallback differs
"""

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

FIGURES = [
    ({"n": 20, "k": 5}, "content/02-data-splits/kfold-diagram.svg"),
    ({"n": 20, "k": 4, "mode": "time", "gap": 2}, "content/02-data-splits/kfold-diagram-time.svg"),
]

# The light theme's --note, --warning, --caution, --bg-muted; text colours.
FILL = {"train": "#0b63ce", "test": "#8a5a00", "gap": "#c4202c", "unused": "#eceff3"}
TEXT, MUTED, BORDER = "#1b1f24", "#57606a", "#b9c1cb"


def kfold(n, k):
    rows, start = [], 0
    for f in range(k):
        size = n // k + (1 if f < n % k else 0)
        rows.append(["test" if start <= i < start + size else "train" for i in range(n)])
        start += size
    return rows


def time_splits(n, k, gap):
    size = n // (k + 1)
    first = n - k * size
    if k + 1 > n or first - gap <= 0:
        raise ValueError(f"n={n} k={k} gap={gap}: no training sample")
    return [["train" if i < s - gap else "gap" if i < s else "test" if i < s + size else "unused" for i in range(n)]
            for s in range(first, n, size)]


def draw(n=20, k=5, mode="kfold", gap=0):
    rows = time_splits(n, k, gap) if mode == "time" else kfold(n, k)
    label_w, width, row_h, top = 40, 640, 26, 30
    cell = (width - label_w - 4) / n
    legend_y = top + len(rows) * row_h + 6
    height = legend_y + 18
    header = "rows: splits · samples in time order →" if mode == "time" else "rows: folds · sample index →"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           'font-family="system-ui, sans-serif">',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
           f'<text x="{label_w}" y="20" font-size="13" fill="{MUTED}">{header}</text>']

    def cell_rect(x, y, w, role):
        # train solid, test solid with a dark border, gap a short bar, unused an outline
        h, y0, extra = row_h - 6, y, ""
        if role == "unused":
            extra = f' stroke="{BORDER}" stroke-width="1"'
        elif role == "test":
            extra = f' stroke="{TEXT}" stroke-width="1.5"'
        elif role == "gap":
            y0, h = y + h / 3, h / 3
        fill = "none" if role == "unused" else FILL[role]
        return f'<rect x="{x:.2f}" y="{y0:.1f}" width="{w:.2f}" height="{h:.1f}" rx="2" fill="{fill}"{extra}/>'

    for r, row in enumerate(rows):
        y = top + r * row_h
        out.append(f'<text x="{label_w - 8}" y="{y + row_h - 10}" text-anchor="end" font-size="13" font-weight="600" '
                   f'fill="{TEXT}">{r + 1}</text>')
        for i, role in enumerate(row):
            out.append(cell_rect(label_w + i * cell + 1, y, cell - 2, role))
    x = label_w
    for role in (["train", "test", "gap", "unused"] if mode == "time" else ["train", "test"]):
        name = "not used" if role == "unused" else role
        out.append(cell_rect(x, legend_y - 4, 14, role).replace(f'height="{row_h - 6:.1f}"', 'height="14"')
                   + f'<text x="{x + 18}" y="{legend_y + 8}" font-size="12" fill="{TEXT}">{name}</text>')
        x += 30 + 7 * len(name)
    out.append("</svg>\n")
    return "\n".join(out), rows


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
    for params, path in FIGURES:
        svg, rows = draw(**params)
        ok &= write(ROOT / path, svg, check)
        print(path, [row.count("test") for row in rows], [row.count("train") for row in rows])

    return ok


if __name__ == "__main__":
    sys.exit(0 if main(check="--check" in sys.argv[1:]) else 1)
