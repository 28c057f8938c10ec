#!/usr/bin/env python3
"""Draws the static fallback of the roc-overlap figure (standard library only).

The scores follow themes/default/static/js/figures/roc-overlap.js: n standard
normals per class from mulberry32(16) by Box-Muller, the positives shifted by
sep; the histograms, the ROC curve and the AUC (ranks, ties one half) are
computed from them as in the page.

    python3 scripts/figures/roc-overlap.py           # rewrites the fallback
    python3 scripts/figures/roc-overlap.py --check   # exit 1 if the committed fallback differs
"""

import math
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIGURES = [({"sep": 1.0, "threshold": 0.5, "n": 300}, "content/02-data-splits/roc-overlap.svg")]

# The light theme: --caution (series 1), --link (series 2), --tip (series 3).
NEG, POS, CURVE = "#c4202c", "#1b5bc9", "#17753a"
TEXT, MUTED, AXIS, GRID = "#1b1f24", "#57606a", "#b9c1cb", "#d9dee4"
M32 = 0xFFFFFFFF


def mulberry32(a):
    """The page's generator, in unsigned 32-bit arithmetic."""
    state = a & M32

    def rnd():
        nonlocal state
        state = (state + 0x6D2B79F5) & M32
        t = ((state ^ (state >> 15)) * (1 | state)) & M32
        t = ((t + (((t ^ (t >> 7)) * (61 | t)) & M32)) & M32) ^ t
        return ((t ^ (t >> 14)) & M32) / 4294967296

    return rnd


def scores(n):
    rnd = mulberry32(16)

    def normal():
        u1 = rnd()
        u2 = rnd()
        return math.sqrt(-2 * math.log(1 - u1)) * math.cos(2 * math.pi * u2)

    neg = [normal() for _ in range(n)]
    pos = [normal() for _ in range(n)]
    return neg, pos


def auc(neg, pos):
    allv = sorted([(s, 0) for s in neg] + [(s, 1) for s in pos], key=lambda p: p[0])
    rank_sum, i = 0.0, 0
    while i < len(allv):
        j = i
        while j + 1 < len(allv) and allv[j + 1][0] == allv[i][0]:
            j += 1
        rank_sum += sum((i + j) / 2 + 1 for m in range(i, j + 1) if allv[m][1] == 1)
        i = j + 1
    return (rank_sum - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def roc(neg, pos):
    allv = sorted([(s, 0) for s in neg] + [(s, 1) for s in pos], key=lambda p: -p[0])
    pts, tp, fp = [(0.0, 0.0)], 0, 0
    for _, y in allv:
        tp, fp = tp + y, fp + (1 - y)
        pts.append((fp / len(neg), tp / len(pos)))
    return pts


def draw(sep=1.0, threshold=0.5, n=300):
    neg, base = scores(n)
    pos = [z + sep for z in base]
    W, H = 640, 330
    HL, HR, HT, HB = 44, 372, 14, 282
    RL, RR, RT, RB = 420, 620, 14, 214
    XLO, XHI, BIN = -4, 8, 0.5
    nb = round((XHI - XLO) / BIN)

    def count(xs):
        c = [0] * nb
        for s in xs:
            b = math.floor((s - XLO) / BIN)
            if 0 <= b < nb:
                c[b] += 1
        return c

    cn, cp = count(neg), count(pos)
    ymax = max(10, math.ceil(max(cn + cp) * 1.15 / 10) * 10)

    def x(s):
        return HL + (s - XLO) / (XHI - XLO) * (HR - HL)

    def y(c):
        return HB - c / ymax * (HB - HT)

    def rx(f):
        return RL + f * (RR - RL)

    def ry(t):
        return RB - t * (RB - RT)

    def text(tx, ty, s, anchor="middle", fill=MUTED, weight=""):
        w = f' font-weight="{weight}"' if weight else ""
        return f'<text x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}" font-size="13" fill="{fill}"{w}>{s}</text>'

    a = auc(neg, pos)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" '
           'font-family="system-ui, sans-serif">',
           f'<rect width="{W}" height="{H}" fill="#ffffff"/>',
           f'<line x1="{HL}" x2="{HR}" y1="{HB}" y2="{HB}" stroke="{AXIS}" stroke-width="1.5"/>']
    for t in range(XLO, XHI + 1, 4):
        out.append(f'<line x1="{x(t):.1f}" x2="{x(t):.1f}" y1="{HT}" y2="{HB}" stroke="{GRID}"/>')
        out.append(text(x(t), HB + 24, str(t)))
    out.append(text((HL + HR) / 2, HB + 46, "score"))
    out.append(text(HL - 8, HT + 12, str(ymax), "end"))
    out.append(text(HL - 8, HB, "0", "end"))
    for c, colour, dash in [(cn, NEG, ""), (cp, POS, ' stroke-dasharray="9 6"')]:
        d = f"M{x(XLO):.1f} {HB}"
        for b in range(nb):
            d += f"L{x(XLO + b * BIN):.1f} {y(c[b]):.1f}L{x(XLO + (b + 1) * BIN):.1f} {y(c[b]):.1f}"
        d += f"L{x(XHI):.1f} {HB}"
        out.append(f'<path d="{d}Z" fill="{colour}" fill-opacity="0.18" stroke="none"/>')
        out.append(f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="2.5" stroke-linejoin="round"{dash}/>')
    out.append(f'<line x1="{x(threshold):.1f}" x2="{x(threshold):.1f}" y1="{HT}" y2="{HB}" stroke="{AXIS}" '
               'stroke-width="1.5" stroke-dasharray="4 4"/>')
    out.append(f'<rect x="{RL}" y="{RT}" width="{RR - RL}" height="{RB - RT}" fill="none" stroke="{AXIS}"/>')
    out.append(f'<line x1="{rx(0)}" y1="{ry(0)}" x2="{rx(1)}" y2="{ry(1)}" stroke="{GRID}"/>')
    for t in (0, 1):
        out.append(text(rx(t), RB + 22, str(t)))
        out.append(text(RL - 8, ry(t) + 5, str(t), "end"))
    out.append(text((RL + RR) / 2, RB + 44, "false-positive rate"))
    out.append(text(RL - 8, (RT + RB) / 2, "TPR", "end"))
    d = "".join(("L" if i else "M") + f"{rx(f):.1f} {ry(t):.1f}" for i, (f, t) in enumerate(roc(neg, pos)))
    out.append(f'<path d="{d}" fill="none" stroke="{CURVE}" stroke-width="4" stroke-linejoin="round"/>')
    tpr = sum(s >= threshold for s in pos) / n
    fpr = sum(s >= threshold for s in neg) / n
    out.append(f'<circle cx="{rx(fpr):.1f}" cy="{ry(tpr):.1f}" r="7" fill="#ffffff" stroke="{NEG}" stroke-width="3"/>')
    out.append(text(rx(0.95), ry(0.08), f"AUC {a:.3f}", "end", TEXT, "600"))
    out.append("</svg>\n")
    return "\n".join(out), a, tpr, fpr


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
        svg, a, tpr, fpr = draw(**params)
        ok &= write(ROOT / path, svg, check)
        print(f"{path}: AUC {a:.3f}, TPR {tpr:.2f}, FPR {fpr:.2f}")
    return ok


if __name__ == "__main__":
    sys.exit(0 if main(check="--check" in sys.argv[1:]) else 1)
