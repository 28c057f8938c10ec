"""Huber loss and its gradient.

The residual of one example is r = y_pred - y_true. Huber's penalty is
quadratic near zero and linear far from it (PyTorch's convention):

    0.5 * r**2                    when |r| <= delta
    delta * (|r| - 0.5 * delta)   otherwise

huber returns the mean penalty over the examples; huber_grad returns the
derivative of that mean with respect to each prediction, as a list.

    huber([0.0, 0.0], [0.5, 3.0])       ->  1.3125
    huber_grad([0.0, 0.0], [0.5, 3.0])  ->  [0.25, 0.5]

Raise ValueError when the lists differ in length, are empty, or when delta
is not positive.
"""


def huber(y_true, y_pred, delta=1.0):
    """Mean Huber penalty of the residuals y_pred - y_true."""
    raise NotImplementedError("huber is not written yet")


def huber_grad(y_true, y_pred, delta=1.0):
    """Derivatives of huber(y_true, y_pred, delta) with respect to each y_pred[i]."""
    raise NotImplementedError("huber_grad is not written yet")
