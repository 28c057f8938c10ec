#!/usr/bin/env python3
"""Draws the static fallback of the pixel-mixer figure (standard library only).

The drawing follows themes/default/static/js/figures/pixel-mixer.js: the
colour and its gray, the BT.601 luminance as three weighted parts, and the
sum R + G + B against the uint8 limit. The gray value is OpenCV 4.6's
COLOR_RGB2GRAY on uint8, (9798 R + 19235 G + 3735 B + 16384) >> 15.

    python3 scripts/figures/pixel-mixer.py           # rewrites the fallback below
    python3 scripts/figures/pixel-mixer.py --check   # exit 1 if the committed fallback differs
"""

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

FIGURES = [((230, 120, 40), "content/04-classical-vision/pixel-mixer.svg")]

WEIGHTS = (0.299, 0.587, 0.114)
FIXED = (9798, 19235, 3735)
# The light theme's --caution, --tip, --note (red, green, blue parts), --bg-muted, --bg.
FILLS = ("#c4202c", "#17753a", "#0b63ce")
MUTED_BG, BG = "#eceff3", "#ffffff"
TEXT, MUTED, BORDER = "#1b1f24", "#57606a", "#b9c1cb"
W, H, X0, BAR_W = 580, 210, 130, 440


def opencv_gray(c):
    return (FIXED[0] * c[0] + FIXED[1] * c[1] + FIXED[2] * c[2] + 16384) >> 15


def float_y(c):
    return WEIGHTS[0] * c[0] + WEIGHTS[1] * c[1] + WEIGHTS[2] * c[2]


def text(x, y, s, label=False, anchor="start"):
    weight = ' font-weight="600"' if label else ""
    fill = TEXT if label else MUTED
    return f'<text x="{x}" y="{y}" font-size="13"{weight} fill="{fill}" text-anchor="{anchor}">{s}</text>'


def draw(rgb):
    y, gray = float_y(rgb), opencv_gray(rgb)
    total = sum(rgb)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" '
           'font-family="system-ui, sans-serif">',
           f'<rect width="{W}" height="{H}" fill="{BG}"/>',
           f'<rect x="8" y="22" width="50" height="44" rx="4" fill="rgb({rgb[0]},{rgb[1]},{rgb[2]})" stroke="{BORDER}"/>',
           f'<rect x="66" y="22" width="50" height="44" rx="4" fill="rgb({gray},{gray},{gray})" stroke="{BORDER}"/>',
           text(33, 82, "colour", anchor="middle"),
           text(91, 82, f"gray {gray}", anchor="middle"),
           text(X0, 16, "Y = 0.299 R + 0.587 G + 0.114 B  (0 to 255)", label=True),
           f'<rect x="{X0}" y="24" width="{BAR_W}" height="26" fill="{MUTED_BG}" stroke="{BORDER}"/>']
    x = X0
    for i in range(3):
        w = WEIGHTS[i] * rgb[i] * BAR_W / 255
        if w > 0:
            out.append(f'<rect x="{x:.2f}" y="24" width="{w:.2f}" height="26" fill="{FILLS[i]}" stroke="{BG}" stroke-width="1"/>')
        x += w
    parts = "  +  ".join(f"{n} {WEIGHTS[q] * rgb[q]:.3f}" for q, n in enumerate("RGB"))
    out.append(text(X0, 64, f"{parts}  =  {y:.3f}"))
    top2, scale2 = 112, BAR_W / 765
    out += [text(X0, top2 - 8, f"R + G + B = {total}  (0 to 765; uint8 holds 0 to 255)", label=True),
            f'<rect x="{X0}" y="{top2}" width="{BAR_W}" height="22" fill="{MUTED_BG}" stroke="{BORDER}"/>',
            f'<rect x="{X0}" y="{top2}" width="{min(total, 255) * scale2:.2f}" height="22" fill="{FILLS[2]}"/>']
    if total > 255:
        out.append(f'<rect x="{X0 + 255 * scale2:.2f}" y="{top2 + 5}" width="{(total - 255) * scale2:.2f}" height="12" '
                   f'fill="{FILLS[0]}"/>')
    for m in (256, 512):
        mx = f"{X0 + m * scale2:.2f}"
        out.append(f'<line x1="{mx}" x2="{mx}" y1="{top2 - 2}" y2="{top2 + 26}" stroke="{BORDER}" stroke-width="1.5" '
                   'stroke-dasharray="4 4"/>')
        out.append(text(mx, top2 + 40, str(m), anchor="middle"))
    out.append(text(X0, top2 + 40, "0", anchor="middle"))
    out.append(text(X0 + BAR_W, top2 + 40, "765", anchor="end"))
    if total > 255:
        out.append(text(X0, top2 + 62, f"numpy uint8: {total} mod 256 = {total % 256} (wrapped)", label=True))
        out.append(text(X0, top2 + 80, f"cv2.add: {min(total, 255)} (saturated)", label=True))
    else:
        out.append(text(X0, top2 + 62, f"fits in uint8: numpy and cv2.add both give {total}"))
    out.append(text(8, top2 + 16, "sum", label=True))
    out.append("</svg>\n")
    return "\n".join(out), gray, y


def write(path, text_, check):
    """Write text to path, or with check only say whether path holds it."""
    if check:
        if not path.exists() or path.read_text() != text_:
            print(f"{path.relative_to(ROOT)} is out of date: run python3 {pathlib.Path(__file__).relative_to(ROOT)}",
                  file=sys.stderr)
            return False
        return True
    path.write_text(text_)
    return True


def main(check=False):
    ok = True
    for rgb, path in FIGURES:
        svg, gray, y = draw(rgb)
        ok &= write(ROOT / path, svg, check)
        print(path, f"RGB {rgb}: Y {y:.3f}, OpenCV gray {gray}, read as BGR {opencv_gray(rgb[::-1])}, "
                    f"R + G + B = {sum(rgb)} -> {sum(rgb) % 256} in uint8")
    return ok


if __name__ == "__main__":
    sys.exit(0 if main(check="--check" in sys.argv[1:]) else 1)
