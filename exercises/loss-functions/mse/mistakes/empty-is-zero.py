# Returns 0 for empty lists instead of raising ValueError.
def mse(y_true, y_pred):
    if len(y_true) != len(y_pred):
        raise ValueError("lengths differ")
    if not y_true:
        return 0.0
    return sum((p - t) ** 2 for t, p in zip(y_true, y_pred)) / len(y_true)


def mae(y_true, y_pred):
    if len(y_true) != len(y_pred):
        raise ValueError("lengths differ")
    if not y_true:
        return 0.0
    return sum(abs(p - t) for t, p in zip(y_true, y_pred)) / len(y_true)
