# Computes the gradient in float32 (torch.tanh on .float()), losing digits and the dtype.
import torch


def f(x, w):
    return torch.tanh(x @ w).pow(2).mean()


def grad_f(x, w):
    x, w = x.float(), w.float()
    n = x.shape[0]
    t = torch.tanh(x @ w)
    g = 2.0 / n * t * (1 - t * t)
    return g[:, None] * w[None, :], x.T @ g
