# Uses r**2 instead of 0.5 * r**2 inside the band, so the loss jumps at |r| = delta.
def _check(y_true, y_pred, delta):
    if len(y_true) != len(y_pred) or not y_true or delta <= 0:
        raise ValueError("bad input")


def huber(y_true, y_pred, delta=1.0):
    _check(y_true, y_pred, delta)
    total = 0.0
    for t, p in zip(y_true, y_pred):
        r = abs(p - t)
        total += r * r if r <= delta else delta * (r - 0.5 * delta)
    return total / len(y_true)


def huber_grad(y_true, y_pred, delta=1.0):
    _check(y_true, y_pred, delta)
    n = len(y_true)
    return [2 * (p - t) / n if abs(p - t) <= delta else delta * (1 if p > t else -1) / n
            for t, p in zip(y_true, y_pred)]
