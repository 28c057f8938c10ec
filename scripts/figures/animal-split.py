#!/usr/bin/env python3
"""Draws the static fallback of the animal-split figure (standard library only).

The catalogue, generator and split rules follow
themes/default/static/js/figures/animal-split.js: 18 animals of three breeds
with 1-4 photos each (36 photos), split 60/20/20 either photo by photo or
animal by animal within each breed (the exercise's rule), with a
Park-Miller generator both languages compute exactly.

    python3 scripts/figures/animal-split.py           # rewrites the fallback below
    python3 scripts/figures/animal-split.py --check   # exit 1 if the committed fallback differs
"""

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIGURES = [({"mode": "photo", "seed": 1}, "content/05-capstone/animal-split.svg")]

CATALOGUE = [("Bengal", [3, 1, 2, 4, 1, 2]), ("Sphynx", [2, 2, 1, 3, 1]), ("beagle", [1, 3, 2, 1, 2, 4, 1])]
F_VAL, F_TEST = 0.2, 0.2
SIDES = ("train", "val", "test")

# The light theme's colours: --bg, --text, --muted; train --fig-2, val --fig-4, test --fig-1.
BG, TEXT, MUTED = "#ffffff", "#1b1f24", "#57606a"
FILL = {"train": "#1b5bc9", "val": "#7a48d6", "test": "#c4202c"}
LEAK = "#1b1f24"
CELL, GAP, AGAP, LEFT, TOP, ROW = 16, 3, 12, 74, 26, 46


def photos():
    """(breed, animal index, photo index) for every photo, in catalogue order."""
    out = []
    for breed, counts in CATALOGUE:
        for a, k in enumerate(counts):
            out += [(breed, a, p) for p in range(k)]
    return out


def minstd(seed):
    s = (seed * 7919 + 1) % 2147483647 or 1

    def nxt():
        nonlocal s
        s = s * 48271 % 2147483647
        return s
    return nxt


def shuffle(items, nxt):
    for i in range(len(items) - 1, 0, -1):
        j = nxt() % (i + 1)
        items[i], items[j] = items[j], items[i]


def half_up(x):
    return int(x + 0.5)


def split(mode, seed):
    """side of every photo (a list in catalogue order)."""
    ps, nxt = photos(), minstd(seed)
    if mode == "photo":
        order = list(range(len(ps)))
        shuffle(order, nxt)
        n_test, n_val = half_up(F_TEST * len(ps)), half_up(F_VAL * len(ps))
        side = [None] * len(ps)
        for rank, i in enumerate(order):
            side[i] = "test" if rank < n_test else "val" if rank < n_test + n_val else "train"
        return side
    animal_side = {}
    for breed, counts in sorted(CATALOGUE):
        animals = list(range(len(counts)))
        shuffle(animals, nxt)
        n_test, n_val = half_up(F_TEST * len(animals)), half_up(F_VAL * len(animals))
        for rank, a in enumerate(animals):
            animal_side[breed, a] = "test" if rank < n_test else "val" if rank < n_test + n_val else "train"
    return [animal_side[b, a] for b, a, _ in ps]


def leaks(side):
    ps = photos()
    train_animals = {(b, a) for (b, a, _), s in zip(ps, side) if s == "train"}
    held = [(b, a) for (b, a, _), s in zip(ps, side) if s != "train"]
    leaked_photos = sum(1 for x in held if x in train_animals)
    sides = {}
    for (b, a, _), s in zip(ps, side):
        sides.setdefault((b, a), set()).add(s)
    split_animals = sum(1 for v in sides.values() if len(v) > 1)
    return len(held), leaked_photos, split_animals


def readout(mode, seed):
    side = split(mode, seed)
    counts = {s: side.count(s) for s in SIDES}
    held, lp, la = leaks(side)
    how = "by photo" if mode == "photo" else "by animal, within each breed"
    text = (f"Split {how}, seed {seed}: train {counts['train']}, val {counts['val']}, test {counts['test']} photos. "
            f"{lp} of the {held} val and test photos show an animal that also has photos in train")
    return text + (f"; {la} animals have photos in more than one split." if la else "; every animal is in one split.")


def layout():
    """x, y of every photo's square and the extent of every animal."""
    pos, spans, y = [], [], TOP
    width = 0
    for breed, counts in CATALOGUE:
        x = LEFT
        for a, k in enumerate(counts):
            start = x
            for p in range(k):
                pos.append((x, y))
                x += CELL + GAP
            spans.append((breed, a, start, x - GAP, y))
            x += AGAP
        width = max(width, x)
        y += ROW
    return pos, spans, width + 4, y + 8


def draw(mode, seed):
    side = split(mode, seed)
    pos, spans, w, h = layout()
    ps = photos()
    sides_of = {}
    for (b, a, _), s in zip(ps, side):
        sides_of.setdefault((b, a), set()).add(s)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
           'font-family="system-ui, sans-serif">',
           f'<rect width="{w}" height="{h}" fill="{BG}"/>',
           f'<text x="4" y="14" font-size="13" font-weight="600" fill="{TEXT}">'
           f'Bar: animal in 2+ splits</text>']
    for row, (breed, _) in enumerate(CATALOGUE):
        out.append(f'<text x="4" y="{TOP + row * ROW + 12}" font-size="12" fill="{MUTED}">{breed}</text>')
    for (x, y), s in zip(pos, side):
        out.append(f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" rx="2" fill="{FILL[s]}"/>')
    for b, a, x0, x1, y in spans:
        if len(sides_of[b, a]) > 1:
            out.append(f'<rect x="{x0}" y="{y + CELL + 4}" width="{x1 - x0}" height="4" fill="{LEAK}"/>')
    lx = LEFT
    for s in SIDES:
        out.append(f'<rect x="{lx}" y="{h - 14}" width="10" height="10" fill="{FILL[s]}"/>')
        out.append(f'<text x="{lx + 14}" y="{h - 5}" font-size="12" fill="{MUTED}">{s}</text>')
        lx += 64
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
    for mode in ("photo", "animal"):
        for seed in (1, 2):
            print(readout(mode, seed))
    return ok


if __name__ == "__main__":
    sys.exit(0 if main(check="--check" in sys.argv[1:]) else 1)
