# Requires every weight to be positive, so a class weight of 0 (ignore the class) raises ValueError.
"""Class-weighted cross-entropy and focal loss (reference solution).

weighted_cross_entropy follows PyTorch's F.cross_entropy(weight=w,
reduction="mean"): sum_i w[t_i] * l_i / sum_i w[t_i]. focal_loss is Lin et
al.'s -alpha_t * (1 - p_t)**gamma * log(p_t), averaged over the n rows.
"""

import math


def _log_softmax(z):
    m = max(z)
    lse = m + math.log(sum(math.exp(v - m) for v in z))
    return [v - lse for v in z]


def _check_batch(logits, targets):
    if len(logits) != len(targets):
        raise ValueError(f"{len(logits)} rows of logits but {len(targets)} targets")
    if not logits:
        raise ValueError("the loss of no examples is undefined")
    for i, (row, t) in enumerate(zip(logits, targets)):
        if not row:
            raise ValueError(f"logits[{i}] is empty")
        if not 0 <= t < len(row):
            raise ValueError(f"targets[{i}] = {t!r} is not a class index for a row of {len(row)} logits")


def _check_class_weights(name, weights, logits):
    for i, row in enumerate(logits):
        if len(row) != len(weights):
            raise ValueError(f"{name} has {len(weights)} entries but logits[{i}] has {len(row)} classes")
    for k, w in enumerate(weights):
        if w <= 0:
            raise ValueError(f"{name}[{k}] = {w!r} is negative")


def weighted_cross_entropy(logits, targets, weights):
    """Cross-entropy with per-class weights, normalised by the weights used."""
    _check_batch(logits, targets)
    _check_class_weights("weights", weights, logits)
    total = norm = 0.0
    for row, t in zip(logits, targets):
        total -= weights[t] * _log_softmax(row)[t]
        norm += weights[t]
    if norm == 0:
        raise ValueError("the weights of the batch's targets sum to 0")
    return total / norm


def focal_loss(logits, targets, gamma=2.0, alpha=None):
    """Mean focal loss: -alpha[t] * (1 - p_t)**gamma * log(p_t) over the rows."""
    _check_batch(logits, targets)
    if gamma < 0:
        raise ValueError(f"gamma must be at least 0, got {gamma!r}")
    if alpha is not None:
        _check_class_weights("alpha", alpha, logits)
    total = 0.0
    for row, t in zip(logits, targets):
        log_p = _log_softmax(row)[t]
        modulator = (-math.expm1(log_p)) ** gamma  # (1 - p_t) ** gamma, accurate when p_t ≈ 1
        a = 1.0 if alpha is None else alpha[t]
        total -= a * modulator * log_p
    return total / len(logits)
