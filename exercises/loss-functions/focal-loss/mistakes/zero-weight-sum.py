# Divides by a zero weight sum instead of raising a clear ValueError.
import math


def _log_softmax(z):
    m = max(z)
    lse = m + math.log(sum(math.exp(v - m) for v in z))
    return [v - lse for v in z]


def _check(logits, targets, weights=None):
    if len(logits) != len(targets) or not logits:
        raise ValueError("bad batch")
    for row, t in zip(logits, targets):
        if not row or not 0 <= t < len(row):
            raise ValueError("bad target")
        if weights is not None and len(weights) != len(row):
            raise ValueError("bad weights")
    if weights is not None and any(w < 0 for w in weights):
        raise ValueError("negative weight")


def weighted_cross_entropy(logits, targets, weights):
    _check(logits, targets, weights)
    total = norm = 0.0
    for row, t in zip(logits, targets):
        total -= weights[t] * _log_softmax(row)[t]
        norm += weights[t]
    return total / norm


def focal_loss(logits, targets, gamma=2.0, alpha=None):
    _check(logits, targets, alpha)
    if gamma < 0:
        raise ValueError("negative gamma")
    total = 0.0
    for row, t in zip(logits, targets):
        log_p = _log_softmax(row)[t]
        a = 1.0 if alpha is None else alpha[t]
        total -= a * (-math.expm1(log_p)) ** gamma * log_p
    return total / len(logits)

