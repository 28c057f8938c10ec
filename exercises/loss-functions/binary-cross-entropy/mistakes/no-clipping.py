# Takes log(p) without clipping, so a probability of exactly 0 or 1 crashes with log(0).
import math


def _check(y_true, p_pred, eps):
    if len(y_true) != len(p_pred) or not y_true or not 0 < eps < 0.5:
        raise ValueError("bad input")
    for y, p in zip(y_true, p_pred):
        if not (0 <= y <= 1 and 0 <= p <= 1):
            raise ValueError("out of range")


def binary_cross_entropy(y_true, p_pred, eps=1e-7):
    _check(y_true, p_pred, eps)
    total = 0.0
    for y, p in zip(y_true, p_pred):
        total -= y * math.log(p) + (1 - y) * math.log(1 - p)
    return total / len(y_true)
