#!/usr/bin/env python3
"""Draws the static fallbacks of the split-grid figure (standard library only).

The data, the layout and the three splits follow
themes/default/static/js/figures/split-grid.js step for step, with the same
seeded generator (mulberry32), so a fallback shows what the live figure
shows with the same params before the reader touches it.

    python3 scripts/figures/split-grid.py     # rewrites every fallback below
    python3 scripts/figures/split-grid.py --check   # exit 1 if a committed fallback differs
"""

import math
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

# (params as in the lesson's ::: figure line, output file)
FIGURES = [
    ({"mode": "random"}, "content/02-data-splits/split-grid-random.svg"),
    ({"mode": "stratified", "classes": 3, "n": 30, "test": 0.3, "val": 0, "groupsize": 1}, "content/02-data-splits/split-grid-stratified.svg"),
    ({"mode": "random", "n": 40, "val": 0, "test": 0.3}, "content/02-data-splits/split-grid-leak.svg"),
]

SETS = ["train", "validation", "test"]
COLOURS = ["#0b63ce", "#7a48d6", "#8a5a00"]  # the light theme's --note, --important, --warning
CAUTION, BORDER, TEXT, MUTED = "#c4202c", "#b9c1cb", "#1b1f24", "#57606a"
CLASS_NAMES = ["cat", "dog", "bird", "fish"]
CLASS_WEIGHTS = {2: [0.7, 0.3], 3: [0.5, 0.3, 0.2], 4: [0.4, 0.3, 0.2, 0.1]}
COLS, CELL, PAD = 10, 30, 4
M32 = 0xFFFFFFFF


def rng(a):
    """mulberry32, bit for bit as in the JavaScript."""
    state = [a & M32]

    def imul(x, y):
        return (x * y) & M32

    def draw():
        state[0] = (state[0] + 0x6D2B79F5) & M32
        a = state[0]
        t = imul(a ^ (a >> 15), 1 | a)
        t = ((t + imul(t ^ (t >> 7), 61 | t)) & M32) ^ t
        return ((t ^ (t >> 14)) & M32) / 4294967296

    return draw


def shuffle(items, r):
    for i in range(len(items) - 1, 0, -1):
        j = math.floor(r() * (i + 1))
        items[i], items[j] = items[j], items[i]
    return items


def sizes(total, fractions):
    exact = [f * total for f in fractions]
    out = [math.floor(x) for x in exact]
    order = sorted(range(3), key=lambda i: (-(exact[i] - out[i]), i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


def apportion(counts, f):
    exact = [f * c for c in counts]
    out = [math.floor(x) for x in exact]
    left = math.floor(f * sum(counts) + 0.5) - sum(out)
    for i in sorted(range(len(counts)), key=lambda i: (-(exact[i] - out[i]), i))[:left]:
        out[i] += 1
    return out


def figure(n=40, classes=2, mode="random", seed=1, test=0.2, val=0.2, groupsize=3):
    k = classes
    data = rng(20240601)
    label, group, g = [], [], 0
    while len(label) < n:
        size = min(n - len(label), 1 + math.floor(data() * groupsize))
        u, acc, c = data(), 0.0, 0
        w = CLASS_WEIGHTS[k]
        while c < k - 1:
            acc += w[c]
            if u < acc:
                break
            c += 1
        label += [c] * size
        group += [g] * size
        g += 1
    boxes, pos, col, row, i = [], [None] * n, 0, 0, 0
    for gi in range(g):
        first = i
        while i < n and group[i] == gi:
            i += 1
        length = i - first
        if col + length > COLS:
            col, row = 0, row + 1
        boxes.append({"x": col, "y": row, "len": length, "first": first})
        for m in range(first, i):
            pos[m] = (col + m - first, row)
        col += length
    rows = row + 1

    fr = [max(0.0, 1 - val - test), val, test]
    r = rng(seed)
    where = [0] * n
    if mode == "random":
        idx = shuffle(list(range(n)), r)
        z = sizes(n, fr)
        for j, q in enumerate(idx):
            where[q] = 0 if j < z[0] else 1 if j < z[0] + z[1] else 2
    elif mode == "stratified":
        counts = [label.count(t) for t in range(k)]
        nt, nv = apportion(counts, test), apportion(counts, val)
        for t in range(k):
            idx = shuffle([q for q in range(n) if label[q] == t], r)
            vt = min(nv[t], len(idx) - nt[t])
            for j, q in enumerate(idx):
                where[q] = 2 if j < nt[t] else 1 if j < nt[t] + vt else 0
    else:
        order = shuffle(list(range(g)), r)
        target, filled, assign = sizes(n, fr), [0, 0, 0], {}
        for gg in order:
            to = 2 if filled[2] < target[2] else 1 if filled[1] < target[1] else 0
            filled[to] += boxes[gg]["len"]
            assign[gg] = to
        where = [assign[group[j]] for j in range(n)]

    legend_h = 26
    width, height = COLS * CELL + 2 * PAD, rows * CELL + 2 * PAD + legend_h
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width * 1.5:.0f}" '
           f'height="{height * 1.5:.0f}" font-family="system-ui, sans-serif" font-size="9">',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    x = PAD
    used = [s for q, s in enumerate(SETS) if fr[q] > 0]
    for q, name in enumerate(SETS):
        if name not in used:
            continue
        paint = f'fill="none" stroke="{COLOURS[q]}" stroke-width="2"' if q == 1 else f'fill="{COLOURS[q]}"'
        out.append(f'<rect x="{x}" y="8" width="9" height="9" {paint}/>'
                   + (f'<circle cx="{x + 4.5}" cy="12.5" r="1.8" fill="#ffffff"/>' if q == 2 else "")
                   + f'<text x="{x + 12}" y="16" fill="{TEXT}">{name}</text>')
        x += 14 + 6 * len(name)
    symbols = ["●", "■", "▲", "◆"]
    for t in range(k):
        out.append(f'<text x="{x}" y="16" fill="{MUTED}">{symbols[t]} {CLASS_NAMES[t]}</text>')
        x += 16 + 6 * len(CLASS_NAMES[t])
    y0 = legend_h
    for b in boxes:
        cut = len({where[m] for m in range(b["first"], b["first"] + b["len"])}) > 1
        if b["len"] > 1 or cut:
            stroke = (f'stroke="{CAUTION}" stroke-width="2.5" stroke-dasharray="4 3"' if cut
                      else f'stroke="{BORDER}" stroke-width="1.5"')
            out.append(f'<rect x="{PAD + b["x"] * CELL + 1.5}" y="{y0 + PAD + b["y"] * CELL + 1.5}" '
                       f'width="{b["len"] * CELL - 3}" height="{CELL - 3}" rx="6" fill="none" {stroke}/>')
    for m in range(n):
        cx, cy = PAD + pos[m][0] * CELL + CELL / 2, y0 + PAD + pos[m][1] * CELL + CELL / 2
        s, rr, c = where[m], CELL * 0.32, label[m]
        # train solid, validation hollow, test solid with a dot: colour is never the only cue
        paint = (f'fill="none" stroke="{COLOURS[s]}" stroke-width="2.5"' if s == 1 else f'fill="{COLOURS[s]}"')
        if c == 0:
            out.append(f'<circle cx="{cx}" cy="{cy}" r="{rr:.1f}" {paint}/>')
        elif c == 1:
            out.append(f'<rect x="{cx - rr * 0.9:.1f}" y="{cy - rr * 0.9:.1f}" width="{rr * 1.8:.1f}" '
                       f'height="{rr * 1.8:.1f}" {paint}/>')
        else:
            pts = ([(cx, cy - rr * 1.1), (cx + rr, cy + rr * 0.8), (cx - rr, cy + rr * 0.8)] if c == 2 else
                   [(cx, cy - rr * 1.15), (cx + rr * 1.05, cy), (cx, cy + rr * 1.15), (cx - rr * 1.05, cy)])
            out.append(f'<polygon points="{" ".join(f"{px:.1f},{py:.1f}" for px, py in pts)}" {paint}/>')
        if s == 2:
            out.append(f'<circle cx="{cx}" cy="{cy + (rr * 0.2 if c == 2 else 0):.1f}" r="{rr * 0.3:.1f}" fill="#ffffff"/>')
    out.append("</svg>\n")
    return "\n".join(out), where, label, group


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
        svg, where, label, group = figure(**params)
        ok &= write(ROOT / path, svg, check)
        counts = [[sum(1 for i in range(len(where)) if where[i] == q and label[i] == t) for t in range(max(label) + 1)]
                  for q in range(3)]
        cut = sum(1 for g in set(group) if len({where[i] for i in range(len(group)) if group[i] == g}) > 1)
        print(f"{path}: train/val/test {counts}, groups cut {cut}")

    return ok


if __name__ == "__main__":
    sys.exit(0 if main(check="--check" in sys.argv[1:]) else 1)
