"""Mean squared error and mean absolute error.

Implement both functions below. Each takes two lists of numbers of the same,
non-zero length: the true values and the predictions.

    mse([1.0, 2.0, 3.0], [1.0, 2.0, 5.0])  ->  1.3333333333333333
    mae([1.0, 2.0, 3.0], [1.0, 2.0, 5.0])  ->  0.6666666666666666

Raise ValueError when the lists have different lengths or are empty.
"""


def mse(y_true, y_pred):
    """Mean of the squared differences between y_pred and y_true."""
    raise NotImplementedError("mse is not written yet")


def mae(y_true, y_pred):
    """Mean of the absolute differences between y_pred and y_true."""
    raise NotImplementedError("mae is not written yet")
