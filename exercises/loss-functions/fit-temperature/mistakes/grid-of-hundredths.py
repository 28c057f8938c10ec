# Tries a grid of temperatures in steps of 0.01, so its answer can be 0.005 away from the minimiser.
import math


def _softplus(x):
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


def _loss(T, logits, labels):
    return sum(_softplus(-z / T) if y else _softplus(z / T) for z, y in zip(logits, labels)) / len(logits)


def fit_temperature(logits, labels):
    if len(logits) != len(labels) or not logits:
        raise ValueError("bad input")
    if any(y not in (0, 1) for y in labels):
        raise ValueError("bad label")
    if all(z == 0 for z in logits):
        return 1.0
    grid = [0.05 + k / 100 for k in range(1996)]
    return min(grid, key=lambda T: _loss(T, logits, labels))
