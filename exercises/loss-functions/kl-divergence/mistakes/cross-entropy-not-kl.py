# Returns the cross-entropy -sum p ln q, forgetting to subtract the entropy of p.
import math


def _check(p, q):
    if len(p) != len(q) or not p:
        raise ValueError("bad input")
    for d in (p, q):
        if any(v < 0 for v in d) or abs(sum(d) - 1) > 1e-6:
            raise ValueError("not a distribution")


def kl_divergence(p, q):
    _check(p, q)
    total = 0.0
    for pk, qk in zip(p, q):
        if pk == 0:
            continue
        if qk == 0:
            return math.inf
        total -= pk * math.log(qk)
    return total
