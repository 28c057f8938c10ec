#!/usr/bin/env python3
"""Draws the static fallback of the confidence-threshold figure (standard library only).

The predictions follow themes/default/static/js/figures/confidence-threshold.js:
1,000 synthetic predictions whose confidence (in thousandths) and correctness
come from the same 32-bit linear congruential generator, calibrated by
construction (a prediction with confidence c is right with probability c).

    python3 scripts/figures/confidence-threshold.py           # rewrites the fallback below
    python3 scripts/figures/confidence-threshold.py --check   # exit 1 if the committed fallback differs
"""

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIGURES = [({"t": 600}, "content/05-capstone/confidence-threshold.svg")]
N, SEED = 1000, 37
LO, BIN = 300, 50                      # bins of 0.05 from 0.30 to 1.00

BG, TEXT, MUTED, BORDER = "#ffffff", "#1b1f24", "#57606a", "#b9c1cb"
RIGHT, WRONG = "#1b5bc9", "#c4202c"    # --fig-2, --fig-1
W, H, LEFT, TOP, PH = 360, 230, 40, 24, 150
NB = (1000 - LO) // BIN                # 14 bins
BW = (W - LEFT - 10) / NB


def predictions():
    s = SEED
    out = []
    for _ in range(N):
        s = (s * 1664525 + 1013904223) % 4294967296
        u1 = s / 4294967296
        s = (s * 1664525 + 1013904223) % 4294967296
        u2 = s / 4294967296
        c = 1000 - int(700 * u1 * u1)
        out.append((c, int(u2 * 1000) < c))
    return out


PRED = predictions()


def bins():
    right, wrong = [0] * NB, [0] * NB
    for c, ok in PRED:
        b = min((c - LO) // BIN, NB - 1)
        (right if ok else wrong)[b] += 1
    return right, wrong


def pct(a, b):
    return f"{100 * a / b:.1f}%" if b else "n/a"


def readout(t):
    answered = [(c, ok) for c, ok in PRED if c >= t]
    right = sum(ok for _, ok in answered)
    total_right = sum(ok for _, ok in PRED)
    return (f"Threshold {t / 1000:.2f}: the model answers {len(answered)} of {N} photos ({pct(len(answered), N)}) "
            f"and is right on {pct(right, len(answered))} of them; {N - len(answered)} go to \"not sure\". "
            f"Answering everything: {pct(total_right, N)} right.")


def draw(t):
    right, wrong = bins()
    top = max(r + w for r, w in zip(right, wrong))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" '
           'font-family="system-ui, sans-serif">',
           f'<rect width="{W}" height="{H}" fill="{BG}"/>',
           f'<text x="4" y="14" font-size="13" font-weight="600" fill="{TEXT}">photos per confidence</text>']
    for b in range(NB):
        x = LEFT + b * BW
        hr = right[b] / top * PH
        hw = wrong[b] / top * PH
        out.append(f'<rect x="{x + 1:.1f}" y="{TOP + PH - hr:.1f}" width="{BW - 2:.1f}" height="{hr:.1f}" fill="{RIGHT}"/>')
        out.append(f'<rect x="{x + 1:.1f}" y="{TOP + PH - hr - hw:.1f}" width="{BW - 2:.1f}" height="{hw:.1f}" fill="{WRONG}"/>')
    for v in (300, 500, 700, 900):
        x = LEFT + (v - LO) / BIN * BW
        out.append(f'<text x="{x:.1f}" y="{TOP + PH + 16}" font-size="12" fill="{MUTED}" text-anchor="middle">{v / 1000:.1f}</text>')
    tx = LEFT + (t - LO) / BIN * BW
    out.append(f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{TOP - 6}" y2="{TOP + PH}" stroke="{TEXT}" stroke-width="2" stroke-dasharray="4 3"/>')
    out.append(f'<line x1="{LEFT}" x2="{W - 10}" y1="{TOP + PH}" y2="{TOP + PH}" stroke="{BORDER}"/>')
    out.append(f'<rect x="{LEFT}" y="{H - 22}" width="10" height="10" fill="{RIGHT}"/>')
    out.append(f'<text x="{LEFT + 14}" y="{H - 13}" font-size="12" fill="{MUTED}">right</text>')
    out.append(f'<rect x="{LEFT + 80}" y="{H - 22}" width="10" height="10" fill="{WRONG}"/>')
    out.append(f'<text x="{LEFT + 94}" y="{H - 13}" font-size="12" fill="{MUTED}">wrong</text>')
    out.append("</svg>\n")
    return "\n".join(out)


def write(path, text, check):
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
        ok &= write(ROOT / path, draw(**params), check)
    for t in (300, 600, 800, 900):
        print(readout(t))
    return ok


if __name__ == "__main__":
    sys.exit(0 if main(check="--check" in sys.argv[1:]) else 1)
