# Nudges x in place and restores it with arithmetic (x[i] += h, -= 2h, += h), which leaves rounding changes in the caller's list.
import math


def softmax_ce_grad(z, target):
    if not z or not 0 <= target < len(z):
        raise ValueError("bad input")
    m = max(z)
    e = [math.exp(v - m) for v in z]
    s = sum(e)
    return [x / s - (1.0 if k == target else 0.0) for k, x in enumerate(e)]


def numerical_gradient(f, x, h=1e-5):
    if h <= 0:
        raise ValueError("bad h")
    grad = []
    for i in range(len(x)):
        x[i] += h
        fp = f(x)
        x[i] -= 2 * h
        fm = f(x)
        x[i] += h
        grad.append((fp - fm) / (2 * h))
    return grad
