# Sums the per-row losses instead of averaging them (forgets to divide by the batch size).
import math


def log_softmax(z):
    if not z:
        raise ValueError("empty")
    m = max(z)
    lse = m + math.log(sum(math.exp(v - m) for v in z))
    return [v - lse for v in z]


def cross_entropy_from_logits(logits, targets):
    if len(logits) != len(targets) or not logits:
        raise ValueError("bad input")
    total = 0.0
    for row, t in zip(logits, targets):
        if not 0 <= t < len(row):
            raise ValueError("bad target")
        total -= log_softmax(row)[t]
    return total
