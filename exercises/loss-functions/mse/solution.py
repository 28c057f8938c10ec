"""Mean squared error and mean absolute error (reference solution)."""


def _check(y_true, y_pred):
    if len(y_true) != len(y_pred):
        raise ValueError(f"y_true has {len(y_true)} values but y_pred has {len(y_pred)}")
    if not y_true:
        raise ValueError("the loss of no examples is undefined")


def mse(y_true, y_pred):
    """Mean of the squared differences between y_pred and y_true."""
    _check(y_true, y_pred)
    return sum((p - t) ** 2 for t, p in zip(y_true, y_pred)) / len(y_true)


def mae(y_true, y_pred):
    """Mean of the absolute differences between y_pred and y_true."""
    _check(y_true, y_pred)
    return sum(abs(p - t) for t, p in zip(y_true, y_pred)) / len(y_true)
