# Gives huber_grad scikit-learn's HuberRegressor default, epsilon = 1.35, instead of delta = 1.0 like huber.
"""Huber loss and its gradient (reference solution).

Convention: PyTorch's F.huber_loss with reduction="mean": the penalty of a
residual r = y_pred - y_true is 0.5 * r**2 when |r| <= delta and
delta * (|r| - 0.5 * delta) otherwise, averaged over the examples.
"""


def _check(y_true, y_pred, delta):
    if len(y_true) != len(y_pred):
        raise ValueError(f"y_true has {len(y_true)} values but y_pred has {len(y_pred)}")
    if not y_true:
        raise ValueError("the loss of no examples is undefined")
    if not delta > 0:
        raise ValueError(f"delta must be positive, got {delta!r}")


def huber(y_true, y_pred, delta=1.0):
    """Mean Huber penalty of the residuals y_pred - y_true."""
    _check(y_true, y_pred, delta)
    total = 0.0
    for t, p in zip(y_true, y_pred):
        r = abs(p - t)
        total += 0.5 * r * r if r <= delta else delta * (r - 0.5 * delta)
    return total / len(y_true)


def huber_grad(y_true, y_pred, delta=1.35):
    """Derivatives of huber(y_true, y_pred, delta) with respect to each y_pred[i]."""
    _check(y_true, y_pred, delta)
    n = len(y_true)
    return [min(max(p - t, -delta), delta) / n for t, p in zip(y_true, y_pred)]
