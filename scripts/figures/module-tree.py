#!/usr/bin/env python3
"""Draws the static fallback of the module-tree figure (standard library only).

The modules, keys and layout follow themes/default/static/js/figures/module-tree.js:
an nn.Sequential of Linear, [BatchNorm1d], ReLU for each pair of sizes but the
last, every state_dict key with its shape, and the number of parameters. The
counts are those torch reports (the lesson's runnable blocks print them).

    python3 scripts/figures/module-tree.py           # rewrites the fallback below
    python3 scripts/figures/module-tree.py --check   # exit 1 if the committed SVG differs
"""

import math
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

FIGURES = [
    ({"sizes": [784, 128, 10], "bias": True, "bn": False}, "content/03-pytorch/module-tree.svg"),
]

# The light theme's colours (themes/default/static/css/style.css :root).
TEXT, MUTED, BORDER, AXIS, BG = "#1b1f24", "#57606a", "#d9dee4", "#b9c1cb", "#ffffff"
W, LINE, TOP, X0, XM, XK = 640, 20, 34, 18, 44, 64


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def modules(sizes, bias=True, bn=False):
    """(index, label, [(key, shape, kind)]) for each module of the Sequential."""
    mods = []
    for i, (a, b) in enumerate(zip(sizes, sizes[1:])):
        k = len(mods)
        entries = [(f"{k}.weight", [b, a], "weight")] + ([(f"{k}.bias", [b], "bias")] if bias else [])
        mods.append((k, f"Linear({a}, {b}{'' if bias else ', bias=False'})", entries))
        if i + 2 < len(sizes):
            if bn:
                j = len(mods)
                mods.append((j, f"BatchNorm1d({b})", [
                    (f"{j}.weight", [b], "bn"), (f"{j}.bias", [b], "bn"),
                    (f"{j}.running_mean", [b], "buffer"), (f"{j}.running_var", [b], "buffer"),
                    (f"{j}.num_batches_tracked", [], "buffer")]))
            mods.append((len(mods), "ReLU()", []))
    return mods


def shape_text(s):
    return "[" + ", ".join(map(str, s)) + "]"


def draw(sizes, bias=True, bn=False):
    mods = modules(sizes, bias, bn)
    n_lines = sum(1 + any(k != "buffer" for _, _, k in e) + sum(k == "buffer" for _, _, k in e) for _, _, e in mods)
    h = TOP + n_lines * LINE + 40
    total = sum(math.prod(s) for _, _, e in mods for _, s, k in e if k != "buffer")
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {h}" width="{W}" height="{h}" role="img" '
           f'aria-labelledby="t" font-family="system-ui, sans-serif" font-size="13">',
           f'<title id="t">The modules of an MLP with sizes {", ".join(map(str, sizes))}: {total:,} parameters</title>',
           f'<rect width="{W}" height="{h}" rx="8" fill="{BG}" stroke="{BORDER}"/>',
           f'<text x="{X0}" y="20" fill="{TEXT}" font-weight="600">Sequential</text>',
           f'<text x="{W - 12}" y="20" fill="{MUTED}" text-anchor="end">numbers</text>']
    y, last = TOP, TOP
    for idx, label, entries in mods:
        own = [e for e in entries if e[2] != "buffer"]
        bufs = [e for e in entries if e[2] == "buffer"]
        cy = y + LINE // 2 + 4
        last = cy - 5
        out.append(f'<line x1="{X0 + 6}" x2="{XM - 6}" y1="{last}" y2="{last}" stroke="{BORDER}"/>')
        out.append(f'<text x="{XM}" y="{cy}" fill="{TEXT}" font-weight="600">({idx}) {esc(label)}</text>')
        count = f"{sum(math.prod(s) for _, s, _ in own):,}" if own else "no parameters"
        out.append(f'<text x="{W - 12}" y="{cy}" fill="{MUTED}" text-anchor="end">{count}</text>')
        y += LINE
        if own:
            keys = "   ".join(f"{key} {shape_text(s)}" for key, s, _ in own)
            out.append(f'<text x="{XK}" y="{y + LINE // 2 + 4}" fill="{MUTED}">{esc(keys)}</text>')
            y += LINE
        for key, s, _ in bufs:
            out.append(f'<text x="{XK}" y="{y + LINE // 2 + 4}" fill="{MUTED}" font-style="italic">buffer {key} {shape_text(s)}</text>')
            y += LINE
    out.append(f'<line x1="{X0 + 6}" x2="{X0 + 6}" y1="26" y2="{last}" stroke="{BORDER}"/>')
    out.append(f'<line x1="{X0}" x2="{W - 12}" y1="{y + 8}" y2="{y + 8}" stroke="{AXIS}" stroke-width="1.5"/>')
    out.append(f'<text x="{X0}" y="{y + 28}" fill="{TEXT}" font-weight="600">trainable parameters</text>')
    out.append(f'<text x="{W - 12}" y="{y + 28}" fill="{TEXT}" font-weight="600" text-anchor="end">{total:,}</text>')
    out.append("</svg>\n")
    return "\n".join(out), total


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
        svg, total = draw(**params)
        ok &= write(ROOT / path, svg, check)
        print(path, params["sizes"], f"{total} parameters")
    return ok


if __name__ == "__main__":
    sys.exit(0 if main(check="--check" in sys.argv[1:]) else 1)
