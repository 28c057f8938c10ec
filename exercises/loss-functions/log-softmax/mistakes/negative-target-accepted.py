# Indexes the row with the target unchecked, so target -1 silently picks the last class.
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
        total -= log_softmax(row)[t]
    return total / len(logits)
