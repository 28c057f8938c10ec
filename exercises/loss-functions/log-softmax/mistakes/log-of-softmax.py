# Computes the softmax (stably) and then takes its log, which fails when a probability underflows to 0.
import math


def log_softmax(z):
    if not z:
        raise ValueError("empty")
    m = max(z)
    e = [math.exp(v - m) for v in z]
    s = sum(e)
    return [math.log(x / s) for x in e]


def cross_entropy_from_logits(logits, targets):
    if len(logits) != len(targets) or not logits:
        raise ValueError("bad input")
    total = 0.0
    for row, t in zip(logits, targets):
        if not 0 <= t < len(row):
            raise ValueError("bad target")
        total -= log_softmax(row)[t]
    return total / len(logits)
