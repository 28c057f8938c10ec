# Returns loss.item(), a Python float: the value is right but autograd cannot use it.
import torch


def f(x, w):
    return torch.tanh(x @ w).pow(2).mean().item()


def grad_f(x, w):
    n = x.shape[0]
    t = torch.tanh(x @ w)
    g = 2.0 / n * t * (1 - t * t)
    return g[:, None] * w[None, :], x.T @ g
