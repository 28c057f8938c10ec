"""The gradient of softmax cross-entropy, checked by finite differences.

softmax_ce_grad(z, target) returns the gradient of the cross-entropy of one
example, -log softmax(z)[target], with respect to each logit z[k]:

    softmax_ce_grad([1.0, 2.0, 3.0], 0)  ->  [-0.9099..., 0.2447..., 0.6652...]

It must work for logits like 1000 and -1000. Raise ValueError for an empty
z or a target that is not a class index.

numerical_gradient(f, x, h=1e-5) estimates the gradient of any function f
(from a list of floats to a float) at the list x, one coordinate at a time,
with the central difference (f(x + h*e_i) - f(x - h*e_i)) / (2*h). It must
leave x unchanged. Raise ValueError when h is not positive.

    numerical_gradient(lambda v: v[0] ** 2 + 3 * v[1], [2.0, 5.0])  ->  [4.0000..., 3.0000...]
"""


def softmax_ce_grad(z, target):
    """Gradient of -log softmax(z)[target] with respect to the logits z."""
    raise NotImplementedError("softmax_ce_grad is not written yet")


def numerical_gradient(f, x, h=1e-5):
    """Central-difference estimate of the gradient of f at the list x."""
    raise NotImplementedError("numerical_gradient is not written yet")
