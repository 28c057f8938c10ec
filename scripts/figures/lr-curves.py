#!/usr/bin/env python3
"""Draws the static fallback of the lr-curves figure (standard library only).

The run follows themes/default/static/js/figures/lr-curves.js, which follows
the training-loop lesson's runnable blocks: x = 21 points evenly from -1 to
1, y = 2x - 1 + 0.2(-1)^i, y = wx + b from w = b = 0, mean squared error,
plain full-batch gradient descent (float64 here and in the page; the
lesson's torch run in float32 agrees to four significant digits). One
picture cannot hold the slider, so the fallback shows five learning rates.

    python3 scripts/figures/lr-curves.py           # rewrites the fallback below
    python3 scripts/figures/lr-curves.py --check   # exit 1 if the committed SVG differs
"""

import math
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = "content/03-pytorch/lr-curves.svg"
RATES = [0.05, 0.3, 0.9, 1.0, 1.1]
STEPS = 50

# The light theme's colours (themes/default/static/css/style.css :root) and
# the figure series (colour and dash, so that colour is never the only cue).
TEXT, MUTED, BORDER, AXIS, BG = "#1b1f24", "#57606a", "#d9dee4", "#b9c1cb", "#ffffff"
SERIES = [("#1b5bc9", "9 6"), ("#c4202c", None), ("#17753a", None), ("#7a48d6", "2 5"), ("#8a5a00", "12 4 2 4")]

N = 21
XS = [-1 + 2 * i / (N - 1) for i in range(N)]
YS = [2 * x - 1 + 0.2 * (-1 if i % 2 else 1) for i, x in enumerate(XS)]


def mean(f):
    s = 0.0
    for x, y in zip(XS, YS):
        s += f(x, y)
    return s / N


def loss(w, b):
    return mean(lambda x, y: (w * x + b - y) ** 2)


def run(lr, steps=STEPS):
    w = b = 0.0
    out = [loss(w, b)]
    for _ in range(steps):
        gw = mean(lambda x, y: 2 * (w * x + b - y) * x)
        gb = mean(lambda x, y: 2 * (w * x + b - y))
        w -= lr * gw
        b -= lr * gb
        out.append(loss(w, b))
    return out


def best_loss():
    mx, my = mean(lambda x, y: x), mean(lambda x, y: y)
    mxx, mxy = mean(lambda x, y: x * x), mean(lambda x, y: x * y)
    w = (mxy - mx * my) / (mxx - mx * mx)
    return loss(w, my - w * mx)


def draw():
    W, H, ML, MR, MT, MB, LO, HI = 640, 330, 60, 150, 14, 44, -2, 4
    X = lambda s: ML + s / STEPS * (W - ML - MR)

    def Y(v):
        lv = math.log10(v) if math.isfinite(v) and v > 0 else HI + 1
        return MT + (HI - min(max(lv, LO), HI + 0.3)) / (HI - LO) * (H - MT - MB)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" '
           f'aria-labelledby="t" font-family="system-ui, sans-serif" font-size="13">',
           f'<title id="t">Loss against the step for learning rates {", ".join(map(str, RATES))}</title>',
           f'<rect width="{W}" height="{H}" rx="8" fill="{BG}" stroke="{BORDER}"/>',
           f'<clipPath id="plot"><rect x="{ML}" y="0" width="{W - ML - MR}" height="{H - MB}"/></clipPath>']
    for p in range(LO, HI + 1):
        y = Y(10.0 ** p)
        out.append(f'<line x1="{ML}" x2="{W - MR}" y1="{y:.1f}" y2="{y:.1f}" stroke="{AXIS if p == LO else BORDER}"/>')
        label = f"{10.0 ** p:g}" if p < 0 else str(10 ** p)
        out.append(f'<text x="{ML - 8}" y="{y + 5:.1f}" fill="{MUTED}" text-anchor="end">{label}</text>')
    for i in range(6):
        s = round(i * STEPS / 5)
        out.append(f'<line x1="{X(s):.1f}" x2="{X(s):.1f}" y1="{MT}" y2="{H - MB}" stroke="{BORDER}"/>')
        out.append(f'<text x="{X(s):.1f}" y="{H - MB + 20}" fill="{MUTED}" text-anchor="middle">{s}</text>')
    out.append(f'<text x="{(ML + W - MR) / 2:.1f}" y="{H - 6}" fill="{TEXT}" font-weight="600" text-anchor="middle">step</text>')
    out.append(f'<text x="{ML + 8}" y="{MT + 16}" fill="{TEXT}" font-weight="600">loss (log scale)</text>')
    best = best_loss()
    out.append(f'<line x1="{ML}" x2="{W - MR}" y1="{Y(best):.1f}" y2="{Y(best):.1f}" stroke="{AXIS}" stroke-width="1.5" stroke-dasharray="4 4"/>')
    finals = []
    for k, lr in enumerate(RATES):
        curve = run(lr)
        finals.append(curve[-1])
        colour, dash = SERIES[k]
        d = "M" + "L".join(f"{X(s):.1f} {Y(v):.1f}" for s, v in enumerate(curve))
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="2.5"{extra} clip-path="url(#plot)"/>')
        ly = MT + 20 + k * 22
        out.append(f'<line x1="{W - MR + 10}" x2="{W - MR + 38}" y1="{ly - 4}" y2="{ly - 4}" stroke="{colour}" stroke-width="3"{extra}/>')
        out.append(f'<text x="{W - MR + 44}" y="{ly}" fill="{TEXT}">lr {lr}</text>')
    ly = MT + 20 + len(RATES) * 22
    out.append(f'<line x1="{W - MR + 10}" x2="{W - MR + 38}" y1="{ly - 4}" y2="{ly - 4}" stroke="{AXIS}" stroke-width="1.5" stroke-dasharray="4 4"/>')
    out.append(f'<text x="{W - MR + 44}" y="{ly}" fill="{TEXT}">minimum</text>')
    out.append("</svg>\n")
    return "\n".join(out), finals, best


def main(check=False):
    svg, finals, best = draw()
    path = ROOT / OUT
    print(OUT, "loss after", STEPS, "steps:", ", ".join(f"lr {lr}: {v:.4g}" for lr, v in zip(RATES, finals)),
          f"| minimum {best:.4g}")
    if check:
        if not path.exists() or path.read_text() != svg:
            print(f"{OUT} is out of date: run python3 {pathlib.Path(__file__).relative_to(ROOT)}", file=sys.stderr)
            return False
        return True
    path.write_text(svg)
    return True


if __name__ == "__main__":
    sys.exit(0 if main(check="--check" in sys.argv[1:]) else 1)
