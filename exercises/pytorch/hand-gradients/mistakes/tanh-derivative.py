# Uses 1 - tanh(z) as the derivative of tanh, instead of 1 - tanh(z)**2.
import torch


def f(x, w):
    return torch.tanh(x @ w).pow(2).mean()


def grad_f(x, w):
    n = x.shape[0]
    t = torch.tanh(x @ w)
    g = 2.0 / n * t * (1 - t)
    return g[:, None] * w[None, :], x.T @ g
