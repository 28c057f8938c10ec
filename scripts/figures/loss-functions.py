#!/usr/bin/env python3
"""Draws the static fallbacks of the loss-functions module's figures
(standard library only).

Each SVG stands in for a live component (themes/default/static/js/figures/)
when scripts are off: it is drawn with the same formulas and the params
written in the lesson's ::: figure line, and where one picture cannot hold a
slider, it shows a few of the slider's settings side by side. The fallbacks sit on a light card of their own, so
they read the same in the light and the dark theme.

    python3 scripts/figures/loss-functions.py     # rewrites every fallback below
"""

import math
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "content" / "01-loss-functions"

# The light theme's colours (themes/default/static/css/style.css :root).
ACCENT, CAUTION, TIP = "#1b5bc9", "#c4202c", "#17753a"
TEXT, MUTED, BORDER, BG = "#1b1f24", "#57606a", "#d9dee4", "#ffffff"
AXIS, BAND, IMPORTANT = "#b9c1cb", "#e7effc", "#7a48d6"
# The figure series of the theme (--fig-1 … --fig-4): colour plus a dash
# pattern, so that colour is never the only cue.
S1, S2, S3, S4 = (CAUTION, None), (ACCENT, "9 6"), (TIP, None), (IMPORTANT, "2 5")
MARKER = "4 4"


def fmt(v):
    return f"{v:.2f}".rstrip("0").rstrip(".") if abs(v) < 1e6 else f"{v:.3g}"


class SVG:
    def __init__(self, w, h, title):
        self.w, self.h = w, h
        self.parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
            f'role="img" aria-labelledby="t" font-family="system-ui, sans-serif">',
            f"<title id=\"t\">{esc(title)}</title>",
            f'<rect width="{w}" height="{h}" rx="8" fill="{BG}" stroke="{BORDER}"/>',
        ]

    def line(self, x1, y1, x2, y2, stroke, width=1.0, dash=None):
        d = f' stroke-dasharray="{dash}"' if dash else ""
        self.parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}" stroke-width="{width}"{d}/>')

    def path(self, points, stroke, width=2.0, dash=None, clip=None):
        d = "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points)
        extra = (f' stroke-dasharray="{dash}"' if dash else "") + (f' clip-path="url(#{clip})"' if clip else "")
        self.parts.append(f'<path d="{d}" fill="none" stroke="{stroke}" stroke-width="{width}"{extra}/>')

    def rect(self, x, y, w, h, fill="none", stroke="none", width=1.0, dash=None, rx=0):
        d = f' stroke-dasharray="{dash}"' if dash else ""
        self.parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{rx}" fill="{fill}" stroke="{stroke}" stroke-width="{width}"{d}/>')

    def circle(self, x, y, r, fill, stroke="none", width=0):
        self.parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>')

    def text(self, x, y, s, fill=MUTED, size=12, anchor="middle", rotate=None):
        r = f' transform="rotate({rotate} {x:.1f} {y:.1f})"' if rotate is not None else ""
        self.parts.append(f'<text x="{x:.1f}" y="{y:.1f}" fill="{fill}" font-size="{size}" text-anchor="{anchor}"{r}>{esc(s)}</text>')

    def clip(self, cid, x, y, w, h):
        self.parts.append(f'<defs><clipPath id="{cid}"><rect x="{x}" y="{y}" width="{w}" height="{h}"/></clipPath></defs>')

    def legend(self, x, y, items):
        for i, (colour, dash, label) in enumerate(items):
            ly = y + i * 20
            self.line(x, ly - 4, x + 28, ly - 4, colour, 3, dash)
            self.text(x + 36, ly, label, TEXT, 13, "start")

    def save(self, name):
        self.parts.append("</svg>\n")
        (OUT / name).write_text("\n".join(self.parts), encoding="utf-8")
        print("wrote", (OUT / name).relative_to(ROOT))


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def loss_curves(name, delta=1.0, rmax=4.0):
    """MSE, MAE and Huber against the residual (the loss-curves component)."""
    W, H, ML, MR, MT, MB = 640, 360, 52, 16, 16, 44
    ymax = max(rmax * rmax / 2, rmax)
    x = lambda r: ML + (r + rmax) / (2 * rmax) * (W - ML - MR)
    y = lambda v: H - MB - v / ymax * (H - MT - MB)
    s = SVG(W, H, f"MSE, MAE and Huber loss against the residual r from -{fmt(rmax)} to {fmt(rmax)}, delta = {fmt(delta)}")
    s.clip("plot", ML, MT, W - ML - MR, H - MT - MB)
    for t in range(-int(rmax), int(rmax) + 1):
        s.line(x(t), MT, x(t), H - MB, BORDER)
        s.text(x(t), H - MB + 18, str(t))
    raw = ymax / 5  # the component's tick step: the first of 1, 2, 5, 10 (× a power of 10) >= ymax / 5
    p10 = 10 ** math.floor(math.log10(raw))
    ystep = next(m * p10 for m in (1, 2, 5, 10) if m * p10 >= raw)
    for t in [i * ystep for i in range(int(ymax / ystep + 1e-9) + 1)]:
        s.line(ML, y(t), W - MR, y(t), BORDER)
        s.text(ML - 8, y(t) + 4, fmt(t), anchor="end")
    s.rect(x(-delta), MT, x(delta) - x(-delta), H - MT - MB, fill=BAND)
    s.text(x(0), MT + 14, "|r| ≤ δ", TEXT, 12)
    s.text((ML + W - MR) / 2, H - 6, "residual r", MUTED, 13)
    s.text(14, (MT + H - MB) / 2, "loss", MUTED, 13, rotate=-90)
    rs = [-rmax + 2 * rmax * i / 240 for i in range(241)]
    huber = lambda r: 0.5 * r * r if abs(r) <= delta else delta * (abs(r) - 0.5 * delta)
    s.path([(x(r), y(r * r)) for r in rs], S1[0], 2.5, S1[1], clip="plot")
    s.path([(x(r), y(abs(r))) for r in rs], S2[0], 2.5, S2[1], clip="plot")
    s.path([(x(r), y(huber(r))) for r in rs], S3[0], 4, S3[1], clip="plot")
    s.legend(ML + 12, MT + 14, [(S1[0], S1[1], "MSE  r²"), (S2[0], S2[1], "MAE  |r|"), (S3[0], S3[1], f"Huber (δ = {fmt(delta)})")])
    s.save(name)


def softmax(z, t):
    m = max(v / t for v in z)
    e = [math.exp(v / t - m) for v in z]
    total = sum(e)
    return [v / total for v in e]


def softmax_temperature(logits=(2.0, 1.0, 0.1), temps=(0.5, 1.0, 2.0)):
    """Softmax bars of the logits at three temperatures, side by side."""
    W, H, ML, MR, MT, MB = 640, 320, 52, 16, 36, 56
    y = lambda p: H - MB - p * (H - MT - MB)
    s = SVG(W, H, f"Softmax probabilities of logits {', '.join(fmt(v) for v in logits)} at temperatures "
                  f"{', '.join(fmt(t) for t in temps)}")
    for t in (0, 0.25, 0.5, 0.75, 1.0):
        s.line(ML, y(t), W - MR, y(t), BORDER)
        s.text(ML - 8, y(t) + 4, f"{t:.2f}", anchor="end")
    s.text(14, (MT + H - MB) / 2, "probability", MUTED, 13, rotate=-90)
    group = (W - ML - MR) / len(temps)
    n = len(logits)
    for g, t in enumerate(temps):
        p = softmax(logits, t)
        gx = ML + g * group
        s.text(gx + group / 2, MT - 14, f"T = {fmt(t)}", TEXT, 14)
        bw = group * 0.8 / n
        for k, v in enumerate(p):
            bx = gx + group * 0.1 + k * bw
            s.rect(bx + 2, y(v), bw - 4, y(0) - y(v), fill=ACCENT, rx=2)
            s.text(bx + bw / 2, y(v) - 5, f"{v:.2f}", TEXT, 12)
            s.text(bx + bw / 2, H - MB + 16, f"z{k + 1}", MUTED, 12)
    s.line(ML, y(0), W - MR, y(0), MUTED)
    s.text((ML + W - MR) / 2, H - 12, f"logits z = ({', '.join(fmt(v) for v in logits)}); the bars are softmax(z / T)", MUTED, 13)
    s.save("softmax-temperature.svg")


def bce_curve(eps=1e-7, p=0.3):
    """−ln p for the true class, clipped at eps, on a log p axis (the
    component's checkbox view, where the clipped plateau is visible)."""
    W, H, ML, MR, MT, MB = 640, 340, 52, 16, 16, 44
    ceil = -math.log(eps)
    ymax = max(5, math.ceil(ceil * 1.12))
    lo = min(1e-3, eps / 100)
    x = lambda q: ML + (math.log10(max(q, lo)) - math.log10(lo)) / -math.log10(lo) * (W - ML - MR)
    y = lambda v: H - MB - v / ymax * (H - MT - MB)
    s = SVG(W, H, f"The loss -ln p against p on a log scale, clipped at eps = {eps:g}: it rises in a straight line "
                  f"as p falls and stays at -ln eps = {ceil:.2f} below p = eps")
    step = 4 if ymax > 12 else 2 if ymax > 6 else 1
    for t in range(0, ymax + 1, step):
        s.line(ML, y(t), W - MR, y(t), BORDER)
        s.text(ML - 8, y(t) + 4, str(t), anchor="end")
    e = math.ceil(math.log10(lo))
    while e <= 0:
        s.line(x(10.0 ** e), MT, x(10.0 ** e), H - MB, BORDER)
        s.text(x(10.0 ** e), H - MB + 18, f"1e{e}")
        e += 3 if e < -6 else 1
    s.text((ML + W - MR) / 2, H - 6, "p, the probability given to the true class (log scale)", MUTED, 13)
    s.text(14, (MT + H - MB) / 2, "loss −ln p", MUTED, 13, rotate=-90)
    qs = [10 ** (math.log10(lo) * (1 - i / 400)) for i in range(401)]
    s.clip("plot", ML, MT, W - ML - MR, H - MT - MB)
    s.path([(x(q), y(-math.log(q))) for q in qs], S4[0], 2.5, S4[1], clip="plot")
    s.path([(x(q), y(-math.log(min(max(q, eps), 1 - eps)))) for q in qs], S3[0], 4, S3[1])
    s.line(ML, y(ceil), W - MR, y(ceil), AXIS, 1.5, MARKER)
    s.text(W - MR - 4, y(ceil) - 6, f"−ln ε = {ceil:.2f}  (ε = {eps:g})", MUTED, 13, "end")
    s.line(x(eps), MT, x(eps), H - MB, AXIS, 1.5, MARKER)
    s.text(x(eps) + 4, H - MB - 6, "p = ε", MUTED, 13, "start")
    s.circle(x(p), y(-math.log(p)), 6, BG, CAUTION, 3)
    s.text(x(p) - 10, y(-math.log(p)) - 10, f"p = {p:g}: loss {-math.log(p):.3f}", TEXT, 13, "end")
    s.legend(x(eps) + 24, H - MB - 60, [(S3[0], S3[1], "clipped: −ln(clip(p, ε, 1 − ε))"), (S4[0], S4[1], "unclipped −ln p")])
    s.save("bce-curve.svg")


def focal_weights(gammas=(0.0, 0.5, 1.0, 2.0, 5.0), alpha=1.0):
    """Focal loss against p_t for several γ (γ = 0 is cross-entropy), and
    the share of its cross-entropy each example keeps."""
    W, H, ML, MR = 640, 440, 52, 16
    top, bot = (16, 250, 5.0), (290, 400, 1.0)
    x = lambda q: ML + q * (W - ML - MR)
    yin = lambda pan, v: pan[1] - min(v, pan[2] * 2) / pan[2] * (pan[1] - pan[0])
    s = SVG(W, H, "Focal loss against p_t for gamma = " + ", ".join(fmt(g) for g in gammas) +
            "; gamma = 0 is cross-entropy. Below: the share of its cross-entropy an example keeps, (1 - p_t)^gamma")
    s.clip("top", ML, top[0], W - ML - MR, top[1] - top[0])
    for pan, step, label in ((top, 1.0, "loss"), (bot, 0.25, "share kept")):
        t = 0.0
        while t <= pan[2] + 1e-9:
            s.line(ML, yin(pan, t), W - MR, yin(pan, t), BORDER)
            s.text(ML - 8, yin(pan, t) + 4, fmt(t), anchor="end")
            t += step
        s.text(14, (pan[0] + pan[1]) / 2, label, MUTED, 13, rotate=-90)
    for i in range(6):
        t = i / 5
        s.line(x(t), top[0], x(t), top[1], BORDER)
        s.line(x(t), bot[0], x(t), bot[1], BORDER)
        s.text(x(t), bot[1] + 18, f"{t:.1f}")
    s.text((ML + W - MR) / 2, H - 8, "p_t, the probability given to the true class (hard ← → easy)", MUTED, 13)
    colours = [(MUTED, "5 4"), S4, S3, S2, S1]
    qs = [0.002 + 0.996 * i / 300 for i in range(301)]
    items = []
    for g, (c, dash) in zip(gammas, colours):
        s.path([(x(q), yin(top, -alpha * (1 - q) ** g * math.log(q))) for q in qs], c, 2.5, dash, clip="top")
        s.path([(x(q), yin(bot, alpha * (1 - q) ** g)) for q in qs], c, 2.5, dash)
        items.append((c, dash, f"γ = {fmt(g)}" + (" (cross-entropy)" if g == 0 else "")))
    s.legend(W - MR - 200, top[0] + 16, items)
    s.save("focal-weights.svg")


def finite_difference(x0=1.0, h=0.5):
    """Tangent and secants of sin at x0 (top) and the error of the forward
    and central differences against h in double precision (bottom)."""
    W, H, ML, MR = 640, 520, 56, 16
    top, bot = (12, 250), (300, 480)
    f, d = math.sin, math.cos
    fw = (f(x0 + h) - f(x0)) / h
    ce = (f(x0 + h) - f(x0 - h)) / (2 * h)
    xa, xb = x0 - 2, x0 + 2
    ys = [f(xa + 4 * i / 200) for i in range(201)]
    pad = 0.15 * (max(ys) - min(ys))
    ylo, yhi = min(ys) - pad, max(ys) + pad
    X = lambda v: ML + (v - xa) / 4 * (W - ML - MR)
    Y = lambda v: top[1] - (v - ylo) / (yhi - ylo) * (top[1] - top[0])
    s = SVG(W, H, f"sin x near x = {fmt(x0)} with its tangent, the forward secant and the central secant for h = {fmt(h)}; "
                  "below, the error of each slope against h from 1e-12 to 1 on log scales")
    s.clip("top", ML, top[0], W - ML - MR, top[1] - top[0])
    s.line(ML, top[0], ML, top[1], BORDER)
    s.line(ML, top[1], W - MR, top[1], BORDER)
    for t in range(math.ceil(xa), math.floor(xb) + 1):
        s.text(X(t), top[1] + 16, str(t))
    s.path([(X(xa + 4 * i / 240), Y(f(xa + 4 * i / 240))) for i in range(241)], TEXT, 2.5, clip="top")
    for slope, (px, py), colour, dash in ((d(x0), (x0, f(x0)), S3[0], S3[1]), (fw, (x0, f(x0)), S2[0], S2[1]),
                                          (ce, (x0 - h, f(x0 - h)), S4[0], S4[1])):
        s.path([(X(xa), Y(py + slope * (xa - px))), (X(xb), Y(py + slope * (xb - px)))], colour, 2.5, dash, clip="top")
    for v, c in ((x0 - h, S4[0]), (x0, TEXT), (x0 + h, S2[0])):
        s.circle(X(v), Y(f(v)), 4.5, c)
    s.legend(ML + 10, top[0] + 16, [(S3[0], S3[1], f"tangent, slope f′(x) = {d(x0):.4f}"),
                                    (S2[0], S2[1], f"forward secant, slope {fw:.4f}"),
                                    (S4[0], S4[1], f"central secant, slope {ce:.4f}")])
    hx = lambda e: ML + (e + 12) / 12 * (W - ML - MR)
    ey = lambda v: bot[1] - (math.log10(max(v, 1e-17)) + 17) / 17 * (bot[1] - bot[0])
    for e in range(-12, 1, 4):
        s.line(hx(e), bot[0], hx(e), bot[1], BORDER)
        s.text(W - MR if e == 0 else hx(e), bot[1] + 16, f"1e{e}", anchor="end" if e == 0 else "middle")
    for e in range(-16, 1, 8):
        s.line(ML, ey(10.0 ** e), W - MR, ey(10.0 ** e), BORDER)
        s.text(ML - 8, ey(10.0 ** e) + 4, f"1e{e}", anchor="end")
    s.text((ML + W - MR) / 2, bot[1] + 34, "step h (log scale)", MUTED, 13)
    s.text(ML + 6, bot[0] - 8, "error |estimate − f′(x)| (log scale)", MUTED, 13, "start")
    es = [-12 + 12 * i / 240 for i in range(241)]
    s.path([(hx(e), ey(abs((f(x0 + 10 ** e) - f(x0)) / 10 ** e - d(x0)))) for e in es], S2[0], 2, S2[1])
    s.path([(hx(e), ey(abs((f(x0 + 10 ** e) - f(x0 - 10 ** e)) / (2 * 10 ** e) - d(x0)))) for e in es], S4[0], 2, S4[1])
    s.line(hx(math.log10(h)), bot[0], hx(math.log10(h)), bot[1], AXIS, 1.5, MARKER)
    s.save("finite-difference.svg")


if __name__ == "__main__":
    loss_curves("loss-curves.svg", delta=1.0, rmax=4.0)  # lesson 01
    loss_curves("loss-curves-huber.svg", delta=2.0, rmax=5.0)  # lesson 02
    softmax_temperature()
    bce_curve()
    focal_weights()
    finite_difference()
