#!/usr/bin/env python3
"""Draws the static fallback of the reliability-diagram figure (lesson
"From scores to decisions"; standard library only).

The live component (themes/default/static/js/figures/reliability-diagram.js)
has a temperature slider; the fallback shows two of its settings side by
side: T = 1 (overconfident) and the temperature fitted on the validation set.
The data and formulas are the component's and the lesson's calibration.py.
It borrows the drawing helpers and colours of loss-functions.py.

    python3 scripts/figures/reliability-diagram.py
"""

import importlib.util
import math
import pathlib

_spec = importlib.util.spec_from_file_location("lf", pathlib.Path(__file__).with_name("loss-functions.py"))
lf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lf)

PHI, ROOT2 = (math.sqrt(5) - 1) / 2, math.sqrt(2)


def sigmoid(x):
    return 0.5 * (1 + math.tanh(x / 2))


def data(n=500, k=2.5):
    logits, labels = [], []
    for i in range(n):
        t = 6 * (((i + 0.5) * PHI) % 1) - 3
        labels.append(int(((i + 0.5) * ROOT2) % 1 < sigmoid(t)))
        logits.append(k * t)
    return logits, labels


def fit_temperature(logits, labels):
    lo, hi = 1 / 20, 1 / 0.05
    while hi - lo > 1e-12:
        b = (lo + hi) / 2
        slope = sum((sigmoid(b * z) - y) * z for z, y in zip(logits, labels))
        lo, hi = (lo, b) if slope > 0 else (b, hi)
    return 2 / (lo + hi)


def bins_of(logits, labels, temp, n_bins):
    count, sum_p, ones = [0] * n_bins, [0.0] * n_bins, [0] * n_bins
    for z, y in zip(logits, labels):
        p = sigmoid(z / temp)
        b = min(int(p * n_bins), n_bins - 1)
        count[b] += 1
        sum_p[b] += p
        ones[b] += y
    ece = sum(abs(s - k) for s, k in zip(sum_p, ones)) / len(labels)
    return count, sum_p, ones, ece


def reliability_diagram(n_bins=10):
    logits, labels = data()
    fitted = fit_temperature(logits, labels)
    W, H, PW, GAP, ML, MT, PB, HT, HB = 640, 356, 270, 40, 44, 40, 250, 266, 300
    s = lf.SVG(W, H, f"Reliability diagrams of 500 validation examples in {n_bins} bins: "
                     f"overconfident at T = 1, close to the diagonal at the fitted T = {fitted:.2f}")
    for panel, temp in enumerate((1.0, fitted)):
        x0 = ML + panel * (PW + GAP)
        x = lambda p: x0 + p * PW
        y = lambda v: PB - v * (PB - MT)
        count, sum_p, ones, ece = bins_of(logits, labels, temp, n_bins)
        for i in range(5):
            v = i / 4
            s.line(x0, y(v), x0 + PW, y(v), lf.BORDER)
            s.line(x(v), MT, x(v), PB, lf.BORDER)
            s.text(x0 - 6, y(v) + 4, lf.fmt(v), anchor="end")
            s.text(x(v), HB + 16, lf.fmt(v))
        w = PW / n_bins
        top = max(count)
        for b in range(n_bins):
            h = count[b] / top * (HB - HT)
            s.rect(x0 + b * w + 2, HB - h, w - 4, h, fill=lf.BAND)
            if count[b]:
                frac, conf = ones[b] / count[b], sum_p[b] / count[b]
                s.rect(x0 + b * w + 2, y(frac), w - 4, y(0) - y(frac), fill=lf.ACCENT)
                s.line(x0 + b * w + 2, y(conf), x0 + (b + 1) * w - 2, y(conf), lf.S1[0], 4)
        s.line(x(0), y(0), x(1), y(1), lf.S2[0], 2, lf.S2[1])
        s.line(x0, HB, x0 + PW, HB, lf.AXIS)
        s.text(x0 + PW / 2, MT - 14, f"T = {temp:.2f}: ECE {ece:.3f}", lf.TEXT, 14)
    s.text(W / 2, HB + 40, "predicted probability (bars: fraction of label 1; red: mean prediction; below: counts)", lf.MUTED, 12)
    s.save("reliability-diagram.svg")


if __name__ == "__main__":
    reliability_diagram()
