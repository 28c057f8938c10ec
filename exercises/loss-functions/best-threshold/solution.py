"""The decision threshold with the lowest total cost (reference solution).

Candidates: the distinct scores and math.inf; predict positive when
score >= t; cost = cost_fp * FP + cost_fn * FN; ties go to the largest t.
"""

import math


def best_threshold(scores, labels, cost_fp, cost_fn):
    """The candidate threshold with the lowest cost (ties: the largest)."""
    if len(scores) != len(labels):
        raise ValueError(f"scores has {len(scores)} values but labels has {len(labels)}")
    if not scores:
        raise ValueError("no examples to choose a threshold from")
    if not cost_fp > 0 or not cost_fn > 0:
        raise ValueError(f"costs must be greater than 0, got cost_fp={cost_fp!r}, cost_fn={cost_fn!r}")
    for i, y in enumerate(labels):
        if y not in (0, 1):
            raise ValueError(f"labels[{i}] = {y!r} is not 0 or 1")
    best_t, best_cost = None, math.inf
    for t in sorted(set(scores)) + [math.inf]:
        fp = sum(1 for s, y in zip(scores, labels) if s >= t and y == 0)
        fn = sum(1 for s, y in zip(scores, labels) if s < t and y == 1)
        cost = cost_fp * fp + cost_fn * fn
        if cost <= best_cost:
            best_t, best_cost = t, cost
    return best_t
