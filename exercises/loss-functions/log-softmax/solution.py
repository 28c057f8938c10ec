"""Stable log-softmax and cross-entropy from logits (reference solution)."""

import math


def log_softmax(z):
    """log(softmax(z)) for a list of logits, computed without overflow."""
    if not z:
        raise ValueError("log_softmax of an empty list is undefined")
    m = max(z)
    lse = m + math.log(sum(math.exp(v - m) for v in z))
    return [v - lse for v in z]


def cross_entropy_from_logits(logits, targets):
    """Mean of -log_softmax(logits[i])[targets[i]] over the rows."""
    if len(logits) != len(targets):
        raise ValueError(f"{len(logits)} rows of logits but {len(targets)} targets")
    if not logits:
        raise ValueError("the loss of no examples is undefined")
    total = 0.0
    for i, (row, t) in enumerate(zip(logits, targets)):
        if not 0 <= t < len(row):
            raise ValueError(f"targets[{i}] = {t!r} is not a class index for a row of {len(row)} logits")
        total -= log_softmax(row)[t]
    return total / len(logits)
