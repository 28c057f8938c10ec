# Exponentiates the raw logits, so exp(1000) overflows.
import math


def softmax_ce_grad(z, target):
    if not z or not 0 <= target < len(z):
        raise ValueError("bad input")
    e = [math.exp(v) for v in z]
    s = sum(e)
    return [x / s - (1.0 if k == target else 0.0) for k, x in enumerate(e)]


def numerical_gradient(f, x, h=1e-5):
    if h <= 0:
        raise ValueError("bad h")
    grad = []
    for i in range(len(x)):
        up, down = list(x), list(x)
        up[i] += h
        down[i] -= h
        grad.append((f(up) - f(down)) / (2 * h))
    return grad

