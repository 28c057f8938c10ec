# Skips every term where q is 0, so p > 0 against q = 0 gives a finite number instead of inf.
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
        if pk == 0 or qk == 0:
            continue
        total += pk * math.log(pk / qk)
    return total
