# Squares tanh's output in place, which TanhBackward needs: backward raises.
import torch


def f(x, w):
    t = torch.tanh(x @ w)
    t.mul_(t)
    return t.mean()


def grad_f(x, w):
    n = x.shape[0]
    t = torch.tanh(x @ w)
    g = 2.0 / n * t * (1 - t * t)
    return g[:, None] * w[None, :], x.T @ g
