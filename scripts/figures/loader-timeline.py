#!/usr/bin/env python3
"""Draws the static fallback of the loader-timeline figure (standard library only).

The timeline follows themes/default/static/js/figures/loader-timeline.js and the
lesson's timeline.py block (content/03-pytorch/05-data.md): batch i goes to worker
i mod k, each worker holds at most 2 batches in flight, and step i starts when batch
i is ready and step i - 1 is done. The fallback shows the lesson's two settings, no
workers and two workers, one above the other, on one time axis.

    python3 scripts/figures/loader-timeline.py           # rewrites the fallback
    python3 scripts/figures/loader-timeline.py --check   # exit 1 if the committed one differs
"""

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = "content/03-pytorch/loader-timeline.svg"
BATCHES, PREFETCH = 16, 2

# The light theme's colours: --fig-2 (link), --fig-3 (tip), --fig-1 (caution).
LOAD, STEP, WAIT = "#1b5bc9", "#17753a", "#c4202c"
TEXT, MUTED, BORDER, BG = "#1b1f24", "#57606a", "#d9dee4", "#ffffff"


def timeline(workers, load, step):
    """(loads, steps): loads[i] = (row, begin, end), steps[i] = (start, end), in ms."""
    loads, steps, free = [], [], [0.0] * max(workers, 1)
    for i in range(BATCHES):
        prev = steps[-1][1] if steps else 0.0
        if workers == 0:
            ready = prev + load
            loads.append((0, prev, ready))
        else:
            w = i % workers
            sent = steps[i - PREFETCH * workers][0] if i >= PREFETCH * workers else 0.0
            begin = max(free[w], sent)
            free[w] = ready = begin + load
            loads.append((w, begin, ready))
        start = max(ready, prev)
        steps.append((start, start + step))
    return loads, steps


def draw(load=40, step=30, settings=(0, 2)):
    W, ML, MR, ROW = 640, 92, 16, 26
    runs = [(k, *timeline(k, load, step)) for k in settings]
    end = max(steps[-1][1] for _, _, steps in runs)
    end = -(-end // 200) * 200
    x = lambda ms: ML + ms / end * (W - ML - MR)
    heights = [(max(k, 1) + 1) * ROW + 40 for k in settings]
    gb = 20 + sum(heights) - 14  # the bottom of the grid
    H = gb + 70
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" '
        f'aria-labelledby="t" font-family="system-ui, sans-serif">',
        f'<title id="t">Loader timelines of {BATCHES} batches, {load} ms to load a batch and {step} ms per step, '
        f'with {" and with ".join(str(k) + " workers" for k in settings)}</title>',
        f'<rect width="{W}" height="{H}" rx="8" fill="{BG}" stroke="{BORDER}"/>',
    ]
    for v in range(0, int(end) + 1, 200):
        out.append(f'<line x1="{x(v):.1f}" y1="28" x2="{x(v):.1f}" y2="{gb}" stroke="{BORDER}"/>')
        out.append(f'<text x="{x(v):.1f}" y="{gb + 16}" fill="{MUTED}" font-size="12" text-anchor="middle">{v}</text>')
    out.append(f'<text x="{(ML + W - MR) / 2:.1f}" y="{gb + 34}" fill="{MUTED}" font-size="13" text-anchor="middle">time (ms)</text>')
    top = 20
    for (k, loads, steps), h in zip(runs, heights):
        total = steps[-1][1]
        waited = total - BATCHES * step
        who = "no workers" if k == 0 else f"{k} workers"
        out.append(f'<text x="{ML}" y="{top + 4}" fill="{TEXT}" font-size="13" font-weight="600">'
                   f'{who}: {total:.0f} ms, the step waits {waited:.0f} ms ({waited / total:.0%})</text>')
        rows = max(k, 1) + 1
        y = lambda r: top + 12 + r * ROW
        for r in range(rows):
            name = "step" if r == rows - 1 else "main: load" if k == 0 else f"worker {r + 1}"
            out.append(f'<text x="{ML - 8}" y="{y(r) + ROW / 2 + 4:.1f}" fill="{TEXT if r == rows - 1 else MUTED}" '
                       f'font-size="12" text-anchor="end">{name}</text>')
        for w, a, b in loads:
            out.append(f'<rect x="{x(a):.1f}" y="{y(w) + 4:.1f}" width="{max(1, x(b) - x(a) - 1):.1f}" height="{ROW - 8}" rx="2" fill="{LOAD}"/>')
        prev = 0.0
        for a, b in steps:
            if a > prev:
                out.append(f'<rect x="{x(prev) + 1:.1f}" y="{y(rows - 1) + 5:.1f}" width="{max(1, x(a) - x(prev) - 2):.1f}" '
                           f'height="{ROW - 10}" rx="2" fill="none" stroke="{WAIT}" stroke-width="2" stroke-dasharray="3 3"/>')
            out.append(f'<rect x="{x(a):.1f}" y="{y(rows - 1) + 4:.1f}" width="{max(1, x(b) - x(a) - 1):.1f}" height="{ROW - 8}" rx="2" fill="{STEP}"/>')
            prev = b
        top += h
    lx = ML
    for colour, dashed, name in ((LOAD, False, "loading a batch"), (STEP, False, "training step"),
                                 (WAIT, True, "step waiting for data")):
        style = f'fill="none" stroke="{colour}" stroke-width="2" stroke-dasharray="3 3"' if dashed else f'fill="{colour}"'
        out.append(f'<rect x="{lx}" y="{gb + 48}" width="24" height="10" rx="2" {style}/>')
        out.append(f'<text x="{lx + 30}" y="{gb + 57}" fill="{TEXT}" font-size="12">{name}</text>')
        lx += 46 + 7 * len(name)
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
    print("wrote", OUT)
    return True


if __name__ == "__main__":
    sys.exit(0 if main(check="--check" in sys.argv[1:]) else 1)
