#!/usr/bin/env python3
"""Draws the static fallback of the broadcast-shapes figure (standard library only).

The columns follow themes/default/static/js/figures/broadcast-shapes.js,
which follows PyTorch's broadcasting rule: align the shapes from the right;
in each dimension the sizes must be equal, or one of them 1 (or missing), and
the result takes the other size.

    python3 scripts/figures/broadcast-shapes.py          # rewrites the fallback below
    python3 scripts/figures/broadcast-shapes.py --check  # exit 1 if the committed fallback differs
"""

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

FIGURES = [
    ({"a": (4, 1, 3), "b": (5, 3)}, "content/03-pytorch/broadcast-shapes.svg"),
]

# The light theme's colours (themes/default/static/css/style.css :root).
TEXT, MUTED, BORDER_STRONG, BAND, TIP, CAUTION = "#1b1f24", "#57606a", "#b9c1cb", "#e7effc", "#17753a", "#c4202c"


def broadcast(a, b):
    """Columns from the left: (dim, size in a or None, size in b or None, result or None)."""
    n = max(len(a), len(b))
    cols = []
    for k in range(1, n + 1):
        x = a[-k] if k <= len(a) else None
        y = b[-k] if k <= len(b) else None
        if x is None or y is None:
            out = y if x is None else x
        elif x == y or x == 1 or y == 1:
            out = y if x == 1 else x
        else:
            out = None
        cols.insert(0, (-k, x, y, out))
    return cols


def fmt(shape):
    return "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")"


def draw(a, b):
    W, H, RIGHT, CW, CH, GAP = 640, 196, 620, 64, 34, 10
    rows = {"a": 38, "b": 84, "out": 146}
    cols = broadcast(a, b)
    ok = all(c[3] is not None for c in cols)
    result = tuple(c[3] for c in cols)
    title = f"a {fmt(a)} and b {fmt(b)} broadcast to {fmt(result)}" if ok else f"a {fmt(a)} and b {fmt(b)} do not broadcast"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" '
           'role="img" aria-labelledby="t" font-family="system-ui, sans-serif">',
           f'<title id="t">{title}</title>',
           f'<rect width="{W}" height="{H}" fill="#ffffff"/>']

    def text(x, y, s, anchor="start", bold=True, colour=TEXT):
        weight = ' font-weight="600"' if bold else ""
        return f'<text x="{x}" y="{y}" text-anchor="{anchor}" font-size="13"{weight} fill="{colour}">{s}</text>'

    def box(x, y, s, kind):
        if kind == "bad":
            style = f'fill="none" stroke="{CAUTION}" stroke-width="2.5" stroke-dasharray="5 4"'
        elif kind == "missing":
            style = f'fill="none" stroke="{BORDER_STRONG}" stroke-width="1.5" stroke-dasharray="3 4"'
        elif kind == "stretched":
            style = f'fill="{BAND}" stroke="{TIP}" stroke-width="2"'
        else:
            style = f'fill="{BAND}" stroke="{BORDER_STRONG}" stroke-width="1.5"'
        return (f'<rect x="{x}" y="{y}" width="{CW}" height="{CH}" rx="4" {style}/>'
                + text(x + CW // 2, y + CH // 2 + 5, s, "middle"))

    for key, y in rows.items():
        out.append(text(8, y + CH // 2 + 5, "result" if key == "out" else key))
    out.append(f'<line x1="88" x2="{RIGHT}" y1="132" y2="132" stroke="{BORDER_STRONG}" stroke-width="1.5" stroke-dasharray="4 4"/>')
    n = len(cols)
    for i, (dim, x, y, res) in enumerate(cols):
        left = RIGHT - (n - i) * (CW + GAP) + GAP
        out.append(text(left + CW // 2, 22, f"dim −{-dim}", "middle", bold=False, colour=MUTED))
        for v, row in ((x, "a"), (y, "b")):
            kind = "missing" if v is None else "stretched" if v == 1 and res not in (None, 1) else "bad" if res is None else ""
            out.append(box(left, rows[row], "·" if v is None else str(v), kind))
        out.append(box(left, rows["out"], "✗" if res is None else str(res), "bad" if res is None else "missing" if not ok else ""))
    out.append("</svg>\n")
    return "\n".join(out), title


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
        svg, title = draw(**params)
        ok &= write(ROOT / path, svg, check)
        print(path, title)
    return ok


if __name__ == "__main__":
    sys.exit(0 if main(check="--check" in sys.argv[1:]) else 1)
