# Returns the softmax probabilities p and forgets to subtract the one-hot label.
import math


def softmax_ce_grad(z, target):
    if not z or not 0 <= target < len(z):
        raise ValueError("bad input")
    m = max(z)
    e = [math.exp(v - m) for v in z]
    s = sum(e)
    return [x / s for x in e]


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

