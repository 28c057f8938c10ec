# Multiplies g (n,) by w (d,) without new axes: fails unless n == d, and is wrong then.
import torch


def f(x, w):
    return torch.tanh(x @ w).pow(2).mean()


def grad_f(x, w):
    n = x.shape[0]
    t = torch.tanh(x @ w)
    g = 2.0 / n * t * (1 - t * t)
    return (g * w).expand(x.shape), x.T @ g
