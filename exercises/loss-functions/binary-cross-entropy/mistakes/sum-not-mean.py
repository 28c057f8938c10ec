# Sums the per-example losses instead of averaging them (forgets to divide by n).
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
        p = min(max(p, eps), 1 - eps)
        total -= y * math.log(p) + (1 - y) * math.log(1 - p)
    return total
