# Trusts zip(), which silently drops the extra items when the lengths differ.
def mse(y_true, y_pred):
    if not y_true:
        raise ValueError("empty")
    return sum((p - t) ** 2 for t, p in zip(y_true, y_pred)) / len(y_true)


def mae(y_true, y_pred):
    if not y_true:
        raise ValueError("empty")
    return sum(abs(p - t) for t, p in zip(y_true, y_pred)) / len(y_true)
