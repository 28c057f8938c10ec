#!/usr/bin/env python3
"""Draws the static fallback of the ml-workflow figure (standard library only).

STEPS repeats the list in themes/default/static/js/figures/ml-workflow.js
(name, math, where in the course); keep the two in sync.

    python3 scripts/figures/ml-workflow.py           # rewrites the fallback
    python3 scripts/figures/ml-workflow.py --check   # exit 1 if the committed one differs
"""

import pathlib
import sys
from xml.sax.saxutils import escape

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "content/00-orientation/ml-workflow.svg"

STEPS = [
    ("Frame", "Arithmetic on costs and rates.", "this lesson; the capstone plan"),
    ("Data", "Counting and proportions.", "Data splits: leakage"),
    ("Split", "Fractions, rounding, sampling with a seed.", "Data splits, lessons 1–5"),
    ("Loss", "Sums, logarithms, derivatives.", "Loss functions"),
    ("Train", "Gradients and the chain rule; tensor shapes.", "PyTorch"),
    ("Evaluate", "Means, variance across folds, confusion matrices.", "Data splits: cross-validation; capstone"),
    ("Ship", "Throughput and percentile arithmetic.", "PyTorch: ready for inference; capstone"),
    ("Monitor", "Comparing distributions.", "Data splits: time and shift"),
]
ACCENT, SOFT, BORDER, TEXT, MUTED = "#1b5bc9", "#f6f7f9", "#b9c1cb", "#1b1f24", "#57606a"


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
    row, top, width = 40, 8, 640
    height = top + len(STEPS) * row + 8
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           'font-family="system-ui, sans-serif">',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    for i, (name, math, where) in enumerate(STEPS):
        y = top + i * row
        out.append(f'<rect x="24.5" y="{y + 4.5}" width="96" height="{row - 9}" rx="6" fill="{SOFT}" stroke="{ACCENT}"/>')
        out.append(f'<text x="72" y="{y + row / 2 + 4}" text-anchor="middle" font-size="13" font-weight="600" '
                   f'fill="{TEXT}">{i + 1}. {name}</text>')
        out.append(f'<text x="134" y="{y + 17}" font-size="12" fill="{TEXT}">Math: {escape(math)}</text>')
        out.append(f'<text x="134" y="{y + 32}" font-size="11" fill="{MUTED}">In this course: {escape(where)}</text>')
        if i + 1 < len(STEPS):
            out.append(f'<path d="M72 {y + row - 4} v 8" stroke="{BORDER}" stroke-width="2"/>')
    # The loop: from Monitor back up to Frame.
    y_last = top + (len(STEPS) - 1) * row + row / 2
    y_first = top + row / 2
    out.append(f'<path d="M24 {y_last} h -14 V {y_first} h 12" fill="none" stroke="{BORDER}" stroke-width="2"/>'
               f'<path d="M18 {y_first - 4} l 6 4 l -6 4" fill="none" stroke="{BORDER}" stroke-width="2"/>')
    out.append("</svg>\n")
    ok &= write(OUT, "\n".join(out), check)
    print(OUT.relative_to(ROOT))
    return ok


if __name__ == "__main__":
    sys.exit(0 if main(check="--check" in sys.argv[1:]) else 1)
