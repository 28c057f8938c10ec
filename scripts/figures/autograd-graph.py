#!/usr/bin/env python3
"""Draws the static fallback of the autograd-graph figure (standard library only).

The graph of f = (x*w + b)*x follows themes/default/static/js/figures/autograd-graph.js;
the fallback shows its last step: every value from the forward pass and every
gradient from the backward pass.

    python3 scripts/figures/autograd-graph.py          # rewrites the fallback below
    python3 scripts/figures/autograd-graph.py --check  # exit 1 if the committed fallback differs
"""

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

FIGURES = [
    ({"x": 2, "w": 3, "b": 1}, "content/03-pytorch/autograd-graph.svg"),
]

# The light theme's colours (themes/default/static/css/style.css :root).
TEXT, MUTED, AXIS, BG = "#1b1f24", "#57606a", "#b9c1cb", "#ffffff"

NODES = {
    "x": (80, 64, "x (leaf)"),
    "w": (80, 160, "w (leaf)"),
    "b": (80, 256, "b (leaf)"),
    "u": (250, 112, "u = x · w"),
    "z": (410, 184, "z = u + b"),
    "f": (560, 112, "f = z · x"),
}
EDGES = [("x", "u"), ("w", "u"), ("u", "z"), ("b", "z"), ("z", "f"), ("x", "f")]
NW, NH, W, H = 128, 62, 640, 312


def fmt(v):
    r = round(v, 4)
    s = str(int(r)) if r == int(r) else repr(r)
    return s.replace("-", "−")


def graph(x, w, b):
    u = x * w
    z = u + b
    f = z * x
    gz = x
    gu = gb = gz
    gx = z + gu * w
    gw = gu * x
    values = {"x": x, "w": w, "b": b, "u": u, "z": z, "f": f}
    grads = {"f": 1, "z": gz, "u": gu, "b": gb, "x": gx, "w": gw}
    return values, grads


def draw(x, w, b):
    values, grads = graph(x, w, b)
    title = (f"Autograd graph of f = (x·w + b)·x at x = {fmt(x)}, w = {fmt(w)}, b = {fmt(b)}: "
             f"f = {fmt(values['f'])}; x.grad = {fmt(grads['x'])}, w.grad = {fmt(grads['w'])}, b.grad = {fmt(grads['b'])}")
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" '
           'role="img" aria-labelledby="t" font-family="system-ui, sans-serif">',
           f'<title id="t">{title}</title>',
           f'<rect width="{W}" height="{H}" fill="{BG}"/>',
           '<defs><marker id="a" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
           f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{AXIS}"/></marker></defs>']
    for a, c in EDGES:
        (px, py, _), (qx, qy, _) = NODES[a], NODES[c]
        if (a, c) == ("x", "f"):
            d = f"M{px + NW // 2},{py - 14} C300,0 460,0 {qx - 10},{qy - NH // 2}"
        else:
            d = f"M{px + NW // 2},{py} L{qx - NW // 2},{qy}"
        out.append(f'<path d="{d}" fill="none" stroke="{AXIS}" stroke-width="2.5" marker-end="url(#a)"/>')
    for k, (cx, cy, label) in NODES.items():
        out.append(f'<rect x="{cx - NW // 2}" y="{cy - NH // 2}" width="{NW}" height="{NH}" rx="8" fill="{BG}" '
                   f'stroke="{AXIS}" stroke-width="1.5"/>')
        out.append(f'<text x="{cx}" y="{cy - 10}" text-anchor="middle" font-size="13" font-weight="600" fill="{TEXT}">{label}</text>')
        out.append(f'<text x="{cx}" y="{cy + 8}" text-anchor="middle" font-size="13" fill="{MUTED}">value {fmt(values[k])}</text>')
        out.append(f'<text x="{cx}" y="{cy + 24}" text-anchor="middle" font-size="13" fill="{MUTED}">grad {fmt(grads[k])}</text>')
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
