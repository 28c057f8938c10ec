# Uses h = 1e-3 as the default step instead of 1e-5.
"""The gradient of softmax cross-entropy, and a finite-difference checker
(reference solution)."""

import math


def softmax_ce_grad(z, target):
    """Gradient of -log softmax(z)[target] with respect to the logits z."""
    if not z:
        raise ValueError("the logits are empty")
    if not 0 <= target < len(z):
        raise ValueError(f"target {target!r} is not a class index for {len(z)} logits")
    m = max(z)
    e = [math.exp(v - m) for v in z]
    s = sum(e)
    return [x / s - (1.0 if k == target else 0.0) for k, x in enumerate(e)]


def numerical_gradient(f, x, h=1e-3):
    """Central-difference estimate of the gradient of f at the list x."""
    if not h > 0:
        raise ValueError(f"h must be positive, got {h!r}")
    grad = []
    for i in range(len(x)):
        up, down = list(x), list(x)
        up[i] += h
        down[i] -= h
        grad.append((f(up) - f(down)) / (2 * h))
    return grad
