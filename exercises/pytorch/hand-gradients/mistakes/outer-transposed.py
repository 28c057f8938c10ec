# Puts the new axes the wrong way round: df/dx comes out (d, n), not (n, d).
import torch


def f(x, w):
    return torch.tanh(x @ w).pow(2).mean()


def grad_f(x, w):
    n = x.shape[0]
    t = torch.tanh(x @ w)
    g = 2.0 / n * t * (1 - t * t)
    return w[:, None] * g[None, :], x.T @ g
