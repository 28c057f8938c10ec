#!/usr/bin/env python3
"""Draws the static fallback of the unfreeze-stages figure, with the
parameter counts of the real torchvision ResNet-18, and keeps the counts
embedded in the figure's component in step with them.

Needs torch and torchvision (Debian: /usr/bin/python3 with python3-torchvision);
builds the model with weights=None, so nothing is downloaded.

    /usr/bin/python3 scripts/figures/unfreeze-stages.py           # rewrites the SVG and the JS counts
    /usr/bin/python3 scripts/figures/unfreeze-stages.py --check   # exit 1 if either differs
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
JS = ROOT / "themes/default/static/js/figures/unfreeze-stages.js"
FIGURES = [({"classes": 37, "unfrozen": 1}, "content/03-pytorch/unfreeze-stages.svg")]

# The light theme's colours: --note, --bg-muted, --text, --text-muted.
NOTE, BG_MUTED, TEXT, MUTED = "#0b63ce", "#eceff3", "#1b1f24", "#57606a"


def stage_counts():
    """[(name, parameters)] from the stem up, and the head's in_features."""
    import torch
    import torchvision

    torch.manual_seed(0)
    model = torchvision.models.resnet18(weights=None)

    def count(*modules):
        return sum(p.numel() for m in modules for p in m.parameters())

    stages = [("stem (conv1, bn1)", count(model.conv1, model.bn1))]
    stages += [(f"layer{i}", count(getattr(model, f"layer{i}"))) for i in range(1, 5)]
    # Nothing else holds parameters: the stages and the head are the model.
    assert sum(n for _, n in stages) + count(model.fc) == count(model)
    return stages, model.fc.in_features


def js_line(stages):
    items = ", ".join(f'["{name}", {n}]' for name, n in stages)
    return f"  var STAGES = [{items}];"


def fmt(n):
    return f"{n:,}"


def draw(stages, features, classes, unfrozen):
    width, row, top = 640, 46, 6
    height = top + 6 * row + 4
    head = features * classes + classes
    rows = [(f"fc (new head, {features} → {classes})", head, True)]
    for i in range(len(stages) - 1, -1, -1):
        rows.append((stages[i][0], stages[i][1], len(stages) - i <= unfrozen))
    biggest = max(n for _, n, _ in rows)
    total = sum(n for _, n, _ in rows)
    trainable = sum(n for _, n, t in rows if t)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           'font-family="system-ui, sans-serif">',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    for i, (name, n, train) in enumerate(rows):
        y = top + i * row
        out.append(f'<text x="8" y="{y + 16}" font-size="13" font-weight="600" fill="{TEXT}">{name}</text>')
        out.append(f'<text x="{width - 8}" y="{y + 16}" text-anchor="end" font-size="13" fill="{MUTED}">'
                   f'{"trainable" if train else "frozen"} · {fmt(n)}</text>')
        w = max(3, (width - 16) * n / biggest)
        style = (f'fill="{NOTE}"' if train else
                 f'fill="{BG_MUTED}" stroke="{MUTED}" stroke-width="1.5" stroke-dasharray="5 3"')
        out.append(f'<rect x="8" y="{y + 24}" width="{w:.2f}" height="14" rx="2" {style}/>')
    out.append("</svg>\n")
    return "\n".join(out), trainable, total


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
    stages, features = stage_counts()
    js = JS.read_text()
    new_js = re.sub(r"^  var STAGES = .*;$", js_line(stages), js, count=1, flags=re.M)
    new_js = re.sub(r"var FEATURES = \d+;", f"var FEATURES = {features};", new_js, count=1)
    ok = write(JS, new_js, check)
    for params, path in FIGURES:
        svg, trainable, total = draw(stages, features, **params)
        ok &= write(ROOT / path, svg, check)
        print(path, f"{trainable:,} of {total:,} trainable ({100 * trainable / total:.2f} %)")
    return ok


if __name__ == "__main__":
    sys.exit(0 if main(check="--check" in sys.argv[1:]) else 1)
