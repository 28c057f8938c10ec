"""Binary cross-entropy with clipping.

y_true holds labels in [0, 1] (usually exactly 0 or 1), p_pred the model's
predicted probabilities of class 1. The loss of one example is

    -(y * ln(p) + (1 - y) * ln(1 - p))

and the function returns the mean over the examples. Clip each p into
[eps, 1 - eps] first, so that p = 0 or p = 1 gives a large but finite loss:

    binary_cross_entropy([1, 0], [0.9, 0.2])  ->  0.164252033486018
    binary_cross_entropy([1], [0.0])          ->  16.11809565095832  (= -ln(1e-7))

Raise ValueError when the lists differ in length or are empty, when a label
or probability is outside [0, 1], or when eps is not in (0, 0.5).
"""


def binary_cross_entropy(y_true, p_pred, eps=1e-7):
    """Mean binary cross-entropy of probabilities p_pred against labels y_true."""
    raise NotImplementedError("binary_cross_entropy is not written yet")
