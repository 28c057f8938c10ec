#!/usr/bin/env python3
"""Draws the static fallback of the allreduce-cost figure (each GPU's share of
a ring all-reduce, 2(N - 1)/N times the gradients' size, against N) and keeps
the parameter counts embedded in the figure's component in step with the
real torchvision models.

Needs torch and torchvision (Debian: /usr/bin/python3 with python3-torchvision);
builds the models with weights=None, so nothing is downloaded.

    /usr/bin/python3 scripts/figures/allreduce-cost.py           # rewrites the SVG and the JS counts
    /usr/bin/python3 scripts/figures/allreduce-cost.py --check   # exit 1 if either differs
"""

import math
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
JS = ROOT / "themes/default/static/js/figures/allreduce-cost.js"
FIGURES = [({"gpus": 8}, "content/03-pytorch/allreduce-cost.svg")]
MODELS = [("resnet18", "ResNet-18"), ("resnet50", "ResNet-50"), ("vit_b_16", "ViT-B/16")]

# The light theme's colours: --link (--fig-2), --caution (--fig-1), text, grid.
LINK, CAUTION, TEXT, MUTED, GRID, AXIS = "#1b5bc9", "#c4202c", "#1b1f24", "#57606a", "#d9dee4", "#b9c1cb"


def counts():
    import torch
    import torchvision

    torch.manual_seed(0)
    out = []
    for name, label in MODELS:
        model = getattr(torchvision.models, name)(weights=None)
        out.append((name, label, sum(p.numel() for p in model.parameters())))
    return out


def js_line(models):
    items = ", ".join(f'["{name}", "{label}", {n}]' for name, label, n in models)
    return f"  var MODELS = [{items}];"


def draw(gpus):
    width, height, ml, mr, mt, mb = 640, 300, 56, 20, 16, 48

    def x(n):
        return ml + math.log(n) / math.log(64) * (width - ml - mr)

    def y(f):
        return height - mb - f / 2.2 * (height - mt - mb)

    def factor(n):
        return 2 * (n - 1) / n

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           'font-family="system-ui, sans-serif">',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    for f in (0, 0.5, 1, 1.5, 2):
        out.append(f'<line x1="{ml}" x2="{width - mr}" y1="{y(f):.2f}" y2="{y(f):.2f}" '
                   f'stroke="{AXIS if f == 0 else GRID}" stroke-width="{1.5 if f == 0 else 1}"/>')
        out.append(f'<text x="{ml - 8}" y="{y(f) + 5:.2f}" text-anchor="end" font-size="13" fill="{MUTED}">{f:g}</text>')
    for n in (1, 2, 4, 8, 16, 32, 64):
        out.append(f'<line x1="{x(n):.2f}" x2="{x(n):.2f}" y1="{mt}" y2="{height - mb}" stroke="{GRID}"/>')
        out.append(f'<text x="{x(n):.2f}" y="{height - mb + 20}" text-anchor="middle" font-size="13" fill="{MUTED}">{n}</text>')
    out.append(f'<text x="{(ml + width - mr) / 2}" y="{height - 6}" text-anchor="middle" font-size="13" '
               f'font-weight="600" fill="{TEXT}">GPUs N (log scale)</text>')
    out.append(f'<text x="{ml + 8}" y="{mt + 14}" font-size="13" font-weight="600" fill="{TEXT}">'
               'sent per GPU ÷ gradient size</text>')
    out.append(f'<line x1="{ml}" x2="{width - mr}" y1="{y(2):.2f}" y2="{y(2):.2f}" stroke="{AXIS}" '
               'stroke-width="1.5" stroke-dasharray="4 4"/>')
    d = "".join(f'{"M" if n == 1 else "L"}{x(n):.2f} {y(factor(n)):.2f}' for n in range(1, 65))
    out.append(f'<path d="{d}" fill="none" stroke="{LINK}" stroke-width="4" stroke-dasharray="9 6" '
               'stroke-linejoin="round" stroke-linecap="round"/>')
    px, py, f = x(gpus), y(factor(gpus)), factor(gpus)
    out.append(f'<line x1="{px:.2f}" x2="{px:.2f}" y1="{mt}" y2="{height - mb}" stroke="{AXIS}" '
               'stroke-width="1.5" stroke-dasharray="4 4"/>')
    out.append(f'<circle cx="{px:.2f}" cy="{py:.2f}" r="6" fill="{CAUTION}"/>')
    out.append(f'<text x="{px + 10:.2f}" y="{py + 24:.2f}" font-size="13" font-weight="600" fill="{TEXT}">{f:.3f}×</text>')
    out.append("</svg>\n")
    return "\n".join(out), f


def write(path, text, check):
    if check:
        if not path.exists() or path.read_text() != text:
            print(f"{path.relative_to(ROOT)} is out of date: run /usr/bin/python3 "
                  f"{pathlib.Path(__file__).relative_to(ROOT)}", file=sys.stderr)
            return False
        return True
    path.write_text(text)
    return True


def main(check=False):
    models = counts()
    js = JS.read_text()
    ok = write(JS, re.sub(r"^  var MODELS = .*;$", js_line(models), js, count=1, flags=re.M), check)
    for params, path in FIGURES:
        svg, f = draw(**params)
        ok &= write(ROOT / path, svg, check)
        print(path, f"N = {params['gpus']}: factor {f:.3f}", [(name, n) for name, _, n in models])
    return ok


if __name__ == "__main__":
    sys.exit(0 if main(check="--check" in sys.argv[1:]) else 1)
