# Uses the one-sided difference (f(x + h) - f(x)) / h, whose error shrinks only like h.
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
    f0 = f(list(x))
    grad = []
    for i in range(len(x)):
        up = list(x)
        up[i] += h
        grad.append((f(up) - f0) / h)
    return grad
