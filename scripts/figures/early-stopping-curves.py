#!/usr/bin/env python3
"""Draws the static fallback of the early-stopping-curves figure (standard library only).

The curves and the stopping rule follow themes/default/static/js/figures/early-stopping-curves.js
and the lesson's early_stopping.py block (content/03-pytorch/06-evaluation-and-checkpoints.md):
epoch t improves when its validation loss (rounded to 4 decimals) is below best - min_delta,
and training stops after `patience` epochs in a row without an improvement. The fallback shows
the lesson's setting, patience 3 and min_delta 0.

    python3 scripts/figures/early-stopping-curves.py           # rewrites the fallback
    python3 scripts/figures/early-stopping-curves.py --check   # exit 1 if the committed one differs
"""

import math
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = "content/03-pytorch/early-stopping-curves.svg"
EPOCHS = 30

# The light theme's colours: --fig-1 (caution), --fig-2 (link), --fig-3 (tip).
VAL, TRAIN, BEST = "#c4202c", "#1b5bc9", "#17753a"
TEXT, MUTED, BORDER, AXIS, BAND, BG = "#1b1f24", "#57606a", "#d9dee4", "#b9c1cb", "#e7effc", "#ffffff"

VALS = [round(0.30 + 0.65 * math.exp(-e / 4) + 0.0009 * e * e + 0.015 * math.sin(2.3 * e), 4) for e in range(EPOCHS)]
TRAINS = [0.08 + 0.87 * math.exp(-e / 5) for e in range(EPOCHS)]


def early_stop(patience, min_delta=0.0):
    """(epochs run, best epoch, best value), as in the lesson."""
    best, best_epoch, bad = None, None, 0
    for epoch, v in enumerate(VALS):
        if best is None or v < best - min_delta:
            best, best_epoch, bad = v, epoch, 0
        else:
            bad += 1
            if bad == patience:
                return epoch + 1, best_epoch, best
    return EPOCHS, best_epoch, best


def draw(patience=3, min_delta=0.0):
    W, H, ML, MR, MT, MB = 640, 370, 52, 16, 14, 74
    x = lambda e: ML + e / (EPOCHS - 1) * (W - ML - MR)
    y = lambda v: H - MB - v / 1.2 * (H - MT - MB)
    run, best_epoch, best = early_stop(patience, min_delta)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" '
        f'aria-labelledby="t" font-family="system-ui, sans-serif">',
        f'<title id="t">Training and validation loss over {EPOCHS} epochs. With patience {patience} and min_delta '
        f'{min_delta:g}, training stops after {run} epochs and keeps the checkpoint of epoch {best_epoch} '
        f'(validation loss {best})</title>',
        f'<rect width="{W}" height="{H}" rx="8" fill="{BG}" stroke="{BORDER}"/>',
    ]
    if run < EPOCHS:
        out.append(f'<rect x="{x(run - 1):.1f}" y="{MT}" width="{x(EPOCHS - 1) - x(run - 1):.1f}" height="{H - MT - MB}" fill="{BAND}"/>')
        out.append(f'<text x="{(x(run - 1) + x(EPOCHS - 1)) / 2:.1f}" y="{MT + 18}" fill="{MUTED}" font-size="12" '
                   f'text-anchor="middle">never trained</text>')
    for i in range(7):
        t = i / 5
        out.append(f'<line x1="{ML}" y1="{y(t):.1f}" x2="{W - MR}" y2="{y(t):.1f}" stroke="{BORDER}"/>')
        out.append(f'<text x="{ML - 8}" y="{y(t) + 4:.1f}" fill="{MUTED}" font-size="12" text-anchor="end">{t:.1f}</text>')
    for e in range(0, EPOCHS, 5):
        out.append(f'<line x1="{x(e):.1f}" y1="{MT}" x2="{x(e):.1f}" y2="{H - MB}" stroke="{BORDER}"/>')
        out.append(f'<text x="{x(e):.1f}" y="{H - MB + 18}" fill="{MUTED}" font-size="12" text-anchor="middle">{e}</text>')
    out.append(f'<text x="{(ML + W - MR) / 2:.1f}" y="{H - MB + 36}" fill="{MUTED}" font-size="13" text-anchor="middle">epoch</text>')
    for vs, colour, width, dash in ((TRAINS, TRAIN, 2.5, "9 6"), (VALS, VAL, 4, None)):
        d = "M" + "L".join(f"{x(e):.1f} {y(v):.1f}" for e, v in enumerate(vs))
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{width}" stroke-linejoin="round"{extra}/>')
    out.append(f'<line x1="{x(run - 1):.1f}" y1="{MT}" x2="{x(run - 1):.1f}" y2="{H - MB}" stroke="{AXIS}" stroke-width="1.5" stroke-dasharray="4 4"/>')
    out.append(f'<circle cx="{x(best_epoch):.1f}" cy="{y(best):.1f}" r="7" fill="{BG}" stroke="{BEST}" stroke-width="3"/>')
    out.append(f'<text x="{x(best_epoch):.1f}" y="{y(best) + 24:.1f}" fill="{TEXT}" font-size="12" text-anchor="middle">'
               f'kept: epoch {best_epoch} ({best})</text>')
    out.append(f'<text x="{x(run - 1) + 6:.1f}" y="{MT + 40}" fill="{TEXT}" font-size="12">stops after {run} epochs '
               f'(patience {patience})</text>')
    lx, ly = ML, H - 12
    for kind, colour, name in (("line-dash", TRAIN, "training loss"), ("line", VAL, "validation loss"),
                               ("marker", AXIS, "where training stops"), ("ring", BEST, "checkpoint kept")):
        if kind == "ring":
            out.append(f'<circle cx="{lx + 12}" cy="{ly - 4}" r="5" fill="{BG}" stroke="{colour}" stroke-width="3"/>')
        else:
            dash = {"line-dash": ' stroke-dasharray="9 6"', "marker": ' stroke-dasharray="4 4"', "line": ""}[kind]
            out.append(f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 26}" y2="{ly - 4}" stroke="{colour}" stroke-width="3"{dash}/>')
        out.append(f'<text x="{lx + 32}" y="{ly}" fill="{TEXT}" font-size="12">{name}</text>')
        lx += 44 + 6.5 * len(name)
    out.append("</svg>\n")
    return "\n".join(out)


def main(check=False):
    text = draw()
    path = ROOT / OUT
    if check:
        if not path.exists() or path.read_text() != text:
            print(f"{OUT} is out of date: run python3 {pathlib.Path(__file__).relative_to(ROOT)}", file=sys.stderr)
            return False
        return True
    path.write_text(text)
    print("wrote", OUT, early_stop(3))
    return True


if __name__ == "__main__":
    sys.exit(0 if main(check="--check" in sys.argv[1:]) else 1)
