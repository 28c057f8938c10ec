# Does not validate its input: a probability of 1.5 gives log of a negative number instead of a clear ValueError.
import math


def binary_cross_entropy(y_true, p_pred, eps=1e-7):
    if len(y_true) != len(p_pred) or not y_true:
        raise ValueError("bad input")
    total = 0.0
    for y, p in zip(y_true, p_pred):
        p = min(max(p, eps), 1 - eps)
        total -= y * math.log(p) + (1 - y) * math.log(1 - p)
    return total / len(y_true)
