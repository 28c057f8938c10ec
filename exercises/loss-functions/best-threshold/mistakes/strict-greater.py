# Predicts positive only when the score is strictly above the threshold, so the example that sits on it is missed.
import math


def _check(scores, labels, cost_fp, cost_fn):
    if len(scores) != len(labels) or not scores:
        raise ValueError("bad input")
    if cost_fp <= 0 or cost_fn <= 0 or any(y not in (0, 1) for y in labels):
        raise ValueError("bad costs or labels")


def best_threshold(scores, labels, cost_fp, cost_fn):
    _check(scores, labels, cost_fp, cost_fn)
    best_t, best_cost = None, math.inf
    for t in sorted(set(scores)) + [math.inf]:
        fp = sum(1 for s, y in zip(scores, labels) if s > t and y == 0)
        fn = sum(1 for s, y in zip(scores, labels) if s <= t and y == 1)
        cost = cost_fp * fp + cost_fn * fn
        if cost <= best_cost:
            best_t, best_cost = t, cost
    return best_t
