"""KL divergence between two discrete distributions (reference solution).

KL(p || q) = sum of p[k] * ln(p[k] / q[k]); terms with p[k] = 0 are 0, and a
term with p[k] > 0 and q[k] = 0 makes the divergence infinite.
"""

import math


def _check(name, dist):
    for k, v in enumerate(dist):
        if v < 0:
            raise ValueError(f"{name}[{k}] = {v!r} is negative")
    if abs(sum(dist) - 1) > 1e-6:
        raise ValueError(f"{name} sums to {sum(dist)!r}, not 1")


def kl_divergence(p, q):
    """KL(p || q) in nats."""
    if len(p) != len(q):
        raise ValueError(f"p has {len(p)} entries but q has {len(q)}")
    if not p:
        raise ValueError("the divergence of empty distributions is undefined")
    _check("p", p)
    _check("q", q)
    total = 0.0
    for pk, qk in zip(p, q):
        if pk == 0:
            continue
        if qk == 0:
            return math.inf
        total += pk * math.log(pk / qk)
    return total
