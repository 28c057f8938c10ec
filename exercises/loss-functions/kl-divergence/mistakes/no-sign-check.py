# Checks the sums but not the signs, so [1.5, -0.5] passes as a distribution.
import math


def kl_divergence(p, q):
    if len(p) != len(q) or not p:
        raise ValueError("bad input")
    for d in (p, q):
        if abs(sum(d) - 1) > 1e-6:
            raise ValueError("not a distribution")
    total = 0.0
    for pk, qk in zip(p, q):
        if pk <= 0:
            continue
        if qk <= 0:
            return math.inf
        total += pk * math.log(pk / qk)
    return total
