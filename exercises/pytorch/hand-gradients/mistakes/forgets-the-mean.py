# Differentiates the sum instead of the mean: the gradient is n times too large.
import torch


def f(x, w):
    return torch.tanh(x @ w).pow(2).mean()


def grad_f(x, w):
    t = torch.tanh(x @ w)
    g = 2.0 * t * (1 - t * t)
    return g[:, None] * w[None, :], x.T @ g
