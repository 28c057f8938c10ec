#!/usr/bin/env python3
"""Draws the static fallback of the confusion-explorer figure (standard library only).

The matrix is read from the figure's attributes in the lesson, so the fallback,
the live figure and the output block the lesson's code printed show the same
counts; the layout follows themes/default/static/js/figures/confusion-explorer.js
(classes in data-set order, the largest confusion selected).

    python3 scripts/figures/confusion-explorer.py           # rewrites the fallback below
    python3 scripts/figures/confusion-explorer.py --check   # exit 1 if the committed fallback differs
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
LESSON = "content/05-capstone/02-fine-tune.md"
FALLBACK = "content/05-capstone/confusion-explorer.svg"

# The light theme's colours: --bg, --border-strong, --caution (--fig-1), --link (--fig-2), text.
BG, BORDER_STRONG, FIG1, FIG2 = "#ffffff", "#b9c1cb", "#c4202c", "#1b5bc9"
TEXT, MUTED = "#1b1f24", "#57606a"
C, LEFT, TOP, RIGHT, BOTTOM = 44, 118, 92, 70, 58


def read_figure(path):
    """(class names, counts) from the lesson's ::: figure confusion-explorer line."""
    text = (ROOT / path).read_text()
    m = re.search(r'^::: figure confusion-explorer \{classes="([^"]*)" counts="([^"]*)"\}$', text, re.M)
    if not m:
        raise SystemExit(f"{path}: no '::: figure confusion-explorer {{classes=\"…\" counts=\"…\"}}' line")
    names = [s.strip() for s in m.group(1).split(",")]
    cm = [[int(v) for v in row.split()] for row in m.group(2).split("/")]
    if len(cm) != len(names) or any(len(r) != len(names) for r in cm):
        raise SystemExit(f"{path}: counts must be {len(names)} rows of {len(names)} integers")
    return names, cm


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def draw(names, cm):
    n = len(names)
    support = [sum(r) for r in cm]
    predicted = [sum(r[j] for r in cm) for j in range(n)]
    precision = [cm[k][k] / predicted[k] if predicted[k] else 0.0 for k in range(n)]
    recall = [cm[k][k] / support[k] if support[k] else 0.0 for k in range(n)]
    off = sorted(((i, j) for i in range(n) for j in range(n) if i != j and cm[i][j]),
                 key=lambda c: (-cm[c[0]][c[1]], c[0], c[1]))
    sel = off[0] if off else (0, 0)
    W, H = LEFT + n * C + RIGHT, TOP + n * C + BOTTOM
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" '
           'font-family="system-ui, sans-serif">',
           f'<rect width="{W}" height="{H}" fill="{BG}"/>',
           f'<text x="{LEFT + n * C / 2:g}" y="14" font-size="13" font-weight="600" fill="{TEXT}" '
           'text-anchor="middle">predicted class</text>',
           f'<text x="4" y="{TOP - 8}" font-size="13" font-weight="600" fill="{TEXT}">true class</text>']
    for k in range(n):
        hot = k in sel
        colour, weight = (TEXT, ' font-weight="600"') if hot else (MUTED, "")
        out.append(f'<text x="{LEFT - 8}" y="{TOP + k * C + C / 2 + 4:g}" font-size="12"{weight} fill="{colour}" '
                   f'text-anchor="end">{esc(names[k])}</text>')
        cx = LEFT + k * C + C / 2
        out.append(f'<text x="{cx:g}" y="{TOP - 8}" font-size="12"{weight} fill="{colour}" '
                   f'transform="rotate(-40 {cx:g} {TOP - 8})">{esc(names[k])}</text>')
    for t in range(n):
        for p in range(n):
            v = cm[t][p]
            share = v / support[t] if support[t] else 0.0
            opacity = 0.12 + 0.78 * share if v else 0
            fill = FIG2 if t == p else FIG1
            out.append(f'<rect x="{LEFT + p * C}" y="{TOP + t * C}" width="{C - 2}" height="{C - 2}" rx="3" '
                       f'fill="{fill}" fill-opacity="{opacity:.3f}" stroke="{BORDER_STRONG}"/>')
            colour = BG if share > 0.55 else TEXT if v else MUTED
            weight = ' font-weight="600"' if v else ""
            out.append(f'<text x="{LEFT + p * C + (C - 2) / 2:g}" y="{TOP + t * C + C / 2 + 3:g}" font-size="12"'
                       f'{weight} fill="{colour}" text-anchor="middle">{v}</text>')
    out.append(f'<rect x="{LEFT + sel[1] * C - 2}" y="{TOP + sel[0] * C - 2}" width="{C + 2}" height="{C + 2}" rx="4" '
               f'fill="none" stroke="{TEXT}" stroke-width="2.5"/>')
    out.append(f'<text x="{LEFT + n * C + RIGHT / 2:g}" y="{TOP - 8}" font-size="13" font-weight="600" fill="{TEXT}" '
               'text-anchor="middle">recall</text>')
    out.append(f'<text x="{LEFT - 8}" y="{TOP + n * C + 26}" font-size="13" font-weight="600" fill="{TEXT}" '
               'text-anchor="end">precision</text>')
    for k in range(n):
        out.append(f'<text x="{LEFT + n * C + RIGHT / 2:g}" y="{TOP + k * C + C / 2 + 4:g}" font-size="12" '
                   f'fill="{MUTED}" text-anchor="middle">{recall[k]:.2f}</text>')
        out.append(f'<text x="{LEFT + k * C + (C - 2) / 2:g}" y="{TOP + n * C + 26}" font-size="12" '
                   f'fill="{MUTED}" text-anchor="middle">{precision[k]:.2f}</text>')
    correct, total = sum(cm[k][k] for k in range(n)), sum(support)
    out.append(f'<text x="{LEFT}" y="{H - 8}" font-size="12" fill="{MUTED}">accuracy {correct} / {total} = '
               f'{correct / total if total else 0:.3f}</text>')
    out.append("</svg>\n")
    return "\n".join(out)


def main(check=False):
    names, cm = read_figure(LESSON)
    text = draw(names, cm)
    path = ROOT / FALLBACK
    if check:
        if not path.exists() or path.read_text() != text:
            print(f"{FALLBACK} is out of date: run python3 {pathlib.Path(__file__).relative_to(ROOT)}", file=sys.stderr)
            return False
        return True
    path.write_text(text)
    print(FALLBACK, f"{len(names)} classes, {sum(map(sum, cm))} examples")
    return True


if __name__ == "__main__":
    sys.exit(0 if main(check="--check" in sys.argv[1:]) else 1)
