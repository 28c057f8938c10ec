# Computes sigmoid(z / T) with math.exp(-z / T) and takes its log, which overflows at z / T = -20000.
import math


def _softplus(x):
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


def _loss(T, logits, labels):
    p = [1 / (1 + math.exp(-z / T)) for z in logits]
    eps = 1e-15
    return -sum(math.log(max(q, eps)) if y else math.log(max(1 - q, eps)) for q, y in zip(p, labels)) / len(logits)


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
