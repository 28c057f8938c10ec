"""Temperature scaling, fitted by bisection (reference solution).

Write b = 1 / T. The mean log loss of sigmoid(b z) is convex in b, and its
derivative, mean((sigmoid(b z) - y) z), increases with b. Bisection on the
sign of that derivative over b in [1 / 20, 1 / 0.05] finds the minimiser to
1e-12 (or closes in on an end of the interval); T = 1 / b. (Golden-section search on the loss itself, over T, is
just as good to the 1e-4 the task asks for.)
"""

import math


def _sigmoid(x):
    return 0.5 * (1 + math.tanh(x / 2))  # never overflows


def _slope(b, logits, labels):
    """n times the derivative of the mean loss with respect to b; only its sign matters."""
    return sum((_sigmoid(b * z) - y) * z for z, y in zip(logits, labels))


def fit_temperature(logits, labels):
    """The temperature T in [0.05, 20] that minimises the mean log loss."""
    if len(logits) != len(labels):
        raise ValueError(f"logits has {len(logits)} values but labels has {len(labels)}")
    if not logits:
        raise ValueError("no examples to fit a temperature on")
    for i, y in enumerate(labels):
        if y not in (0, 1):
            raise ValueError(f"labels[{i}] = {y!r} is not 0 or 1")
    if all(z == 0 for z in logits):
        return 1.0
    # If the slope is positive all the way, hi closes in on lo (T = 20); if
    # it is negative all the way, lo closes in on hi (T = 0.05).
    lo, hi = 1 / 20, 1 / 0.05
    while hi - lo > 1e-12:
        mid = (lo + hi) / 2
        if _slope(mid, logits, labels) > 0:
            hi = mid
        else:
            lo = mid
    return 1 / ((lo + hi) / 2)
