# Reuses x's memory for df/dx, so the caller's x is overwritten.
import torch


def f(x, w):
    return torch.tanh(x @ w).pow(2).mean()


def grad_f(x, w):
    n = x.shape[0]
    t = torch.tanh(x @ w)
    g = 2.0 / n * t * (1 - t * t)
    dw = x.T @ g
    x.copy_(g[:, None] * w[None, :])
    return x, dw
