#!/usr/bin/env python3
"""Draws the static fallback of the latency-histogram figure (standard library only).

The latencies, bins and percentiles follow
themes/default/static/js/figures/latency-histogram.js exactly: the same
32-bit linear congruential generator, the same whole hundredths of a
millisecond, the same nearest-rank rule. The fallback shows the figure's
first state (warm-up runs left out of the percentiles, drawn as outlines).

    python3 scripts/figures/latency-histogram.py           # rewrites the fallback, prints the numbers
    python3 scripts/figures/latency-histogram.py --check   # exit 1 if the committed fallback differs
"""

import math
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIGURES = [({"runs": 200, "warmup": 20, "seed": 7}, "content/03-pytorch/latency-histogram.svg")]

# The light theme's colours: --fig-1 (--caution), --fig-2 (--link), text, muted, grid, axis.
FIG1, FIG2 = "#c4202c", "#1b5bc9"
TEXT, MUTED, GRID, AXIS = "#1b1f24", "#57606a", "#d9dee4", "#b9c1cb"
M = 4294967296


def lcg(seed):
    s = seed % M
    while True:
        s = (s * 1664525 + 1013904223) % M
        yield s / M


def body(u):
    return 180 + int(next(u) * 30) + int(next(u) * 30) + int(next(u) * 30)


def measured(runs, seed):
    u, out = lcg(seed), []
    for _ in range(runs):
        v = body(u)
        a, b = next(u), next(u)
        if a < 0.025:
            v += 100 + int(b * 400)
        out.append(v)
    return out


def warm(n, seed):
    u = lcg(seed + 1000)
    return [body(u) + 4000 // ((i + 1) * (i + 1)) for i in range(n)]


def pct(values, p):
    s = sorted(values)
    return s[-(-p * len(s) // 100) - 1]


def summary(values):
    return ", ".join(f"p{p} {pct(values, p) / 100:.2f} ms" for p in (50, 95, 99)) + \
        f", mean {sum(values) / len(values) / 100:.2f} ms"


def num(x):
    return f"{x:.2f}".rstrip("0").rstrip(".")


def draw(runs, warmup, seed):
    timed, cold = measured(runs, seed), warm(warmup, seed)
    W, H, ML, MR, MT, MB = 640, 350, 52, 16, 58, 76
    LO, OCTAVES, PER = 1, 6, 10
    nb = OCTAVES * PER
    x = lambda v: ML + (math.log2(v / 100 / LO) / OCTAVES) * (W - ML - MR)
    binof = lambda v: min(nb - 1, max(0, math.floor(math.log2(v / 100 / LO) * PER)))
    c_timed, c_cold = [0] * nb, [0] * nb
    for v in timed:
        c_timed[binof(v)] += 1
    for v in cold:
        c_cold[binof(v)] += 1
    top = max(a + b for a, b in zip(c_timed, c_cold))
    bottom = 320 - 46  # the component's plot area; the legend goes below it
    y = lambda c: bottom - math.sqrt(c / top) * (bottom - MT)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" '
           'font-family="system-ui, sans-serif">',
           f'<rect width="{W}" height="{H}" fill="#ffffff"/>']
    for t in [t for t in (0, 1, 10, 25, 50, 100, 150, 200, 300, 400, 600, 800) if t <= top]:
        out.append(f'<line x1="{ML}" x2="{W - MR}" y1="{num(y(t))}" y2="{num(y(t))}" stroke="{AXIS if t == 0 else GRID}"/>')
        out.append(f'<text x="{ML - 8}" y="{num(y(t) + 5)}" text-anchor="end" font-size="13" fill="{MUTED}">{t}</text>')
    for o in range(OCTAVES + 1):
        v = LO * 2 ** o * 100
        anchor = "end" if o == OCTAVES else "middle"
        out.append(f'<line x1="{num(x(v))}" x2="{num(x(v))}" y1="{MT}" y2="{bottom}" stroke="{GRID}"/>')
        out.append(f'<text x="{num(x(v))}" y="{bottom + 20}" text-anchor="{anchor}" font-size="13" fill="{MUTED}">{LO * 2 ** o}</text>')
    out.append(f'<text x="{(ML + W - MR) / 2:g}" y="{bottom + 40}" text-anchor="middle" font-size="13" fill="{MUTED}">latency (ms, log scale)</text>')
    mid = (MT + bottom) / 2
    out.append(f'<text x="12" y="{mid:g}" text-anchor="middle" font-size="13" fill="{MUTED}" transform="rotate(-90 12 {mid:g})">runs (√ scale)</text>')
    bw = (W - ML - MR) / nb
    for i in range(nb):
        x0 = ML + i * bw + 1
        if c_timed[i]:
            out.append(f'<rect x="{num(x0)}" y="{num(y(c_timed[i]))}" width="{num(bw - 2)}" '
                       f'height="{num(y(0) - y(c_timed[i]))}" fill="{FIG2}"/>')
        if c_cold[i]:
            y1, y0 = y(c_timed[i] + c_cold[i]), y(c_timed[i])
            out.append(f'<rect x="{num(x0 + 0.75)}" y="{num(y1)}" width="{num(bw - 3.5)}" height="{num(max(1, y0 - y1))}" '
                       f'fill="none" stroke="{FIG1}" stroke-width="1.5" stroke-dasharray="3 2"/>')
    for row, p in enumerate((50, 95, 99)):
        v = pct(timed, p)
        right = x(v) > W - MR - 120
        ty = MT - 8 - (2 - row) * 16
        out.append(f'<line x1="{num(x(v))}" x2="{num(x(v))}" y1="{MT - 4 - (2 - row) * 16}" y2="{bottom}" '
                   f'stroke="{AXIS}" stroke-width="1.5" stroke-dasharray="4 4"/>')
        out.append(f'<text x="{num(x(v) + (-5 if right else 5))}" y="{ty}" text-anchor="{"end" if right else "start"}" '
                   f'font-size="13" font-weight="600" fill="{TEXT}">p{p} {pct(timed, p) / 100:.2f} ms</text>')
    ly = H - 14
    out.append(f'<rect x="{ML}" y="{ly - 10}" width="14" height="10" fill="{FIG2}"/>'
               f'<text x="{ML + 20}" y="{ly}" font-size="12" fill="{TEXT}">timed runs</text>')
    out.append(f'<rect x="{ML + 110}" y="{ly - 10}" width="14" height="10" fill="none" stroke="{FIG1}" stroke-width="1.5" '
               f'stroke-dasharray="3 2"/><text x="{ML + 130}" y="{ly}" font-size="12" fill="{TEXT}">'
               f'warm-up runs, left out of the percentiles</text>')
    out.append("</svg>\n")
    return "\n".join(out), timed, cold


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
        svg, timed, cold = draw(**params)
        ok &= write(ROOT / path, svg, check)
        print(path)
        print(f"  warm-up left out ({len(timed)} runs): {summary(timed)}")
        print(f"  warm-up counted ({len(timed) + len(cold)} runs): {summary(timed + cold)}")
        print(f"  warm-up runs (ms): {[v / 100 for v in cold]}")
    return ok


if __name__ == "__main__":
    sys.exit(0 if main(check="--check" in sys.argv[1:]) else 1)
