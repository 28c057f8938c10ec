# Differentiates with respect to y_true instead of y_pred, so every gradient has the wrong sign.
def _check(y_true, y_pred, delta):
    if len(y_true) != len(y_pred) or not y_true or delta <= 0:
        raise ValueError("bad input")


def huber(y_true, y_pred, delta=1.0):
    _check(y_true, y_pred, delta)
    total = 0.0
    for t, p in zip(y_true, y_pred):
        r = abs(p - t)
        total += 0.5 * r * r if r <= delta else delta * (r - 0.5 * delta)
    return total / len(y_true)


def huber_grad(y_true, y_pred, delta=1.0):
    _check(y_true, y_pred, delta)
    n = len(y_true)
    return [min(max(t - p, -delta), delta) / n for t, p in zip(y_true, y_pred)]
