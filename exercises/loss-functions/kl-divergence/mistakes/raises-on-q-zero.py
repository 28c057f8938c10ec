# Raises ValueError where q is 0 and p is not, instead of returning inf.
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
            raise ValueError("q is zero where p is not")
        total += pk * math.log(pk / qk)
    return total
