# Multiplies the logits by T instead of dividing, so it fits 1 / T: overconfident logits get T < 1.
import math


def _softplus(x):
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


def _loss(T, logits, labels):
    return sum(_softplus(-z * T) if y else _softplus(z * T) for z, y in zip(logits, labels)) / len(logits)


def fit_temperature(logits, labels):
    if len(logits) != len(labels) or not logits:
        raise ValueError("bad input")
    if any(y not in (0, 1) for y in labels):
        raise ValueError("bad label")
    if all(z == 0 for z in logits):
        return 1.0
    a, b = 0.05, 20.0
    g = (math.sqrt(5) - 1) / 2
    c, d = b - g * (b - a), a + g * (b - a)
    fc, fd = _loss(c, logits, labels), _loss(d, logits, labels)
    while b - a > 1e-6:
        if fc <= fd:
            b, d, fd = d, c, fc
            c = b - g * (b - a)
            fc = _loss(c, logits, labels)
        else:
            a, c, fc = c, d, fd
            d = a + g * (b - a)
            fd = _loss(d, logits, labels)
    return (a + b) / 2
