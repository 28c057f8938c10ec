"""Gradients by hand, checked against autograd.

x is an (n, d) float64 tensor (n rows, d features, n >= 1, d >= 1) and w a
(d,) float64 tensor. With z = x @ w (one number per row),

    f(x, w) = (1/n) * sum_i tanh(z_i) ** 2

1. f(x, w): return f as a 0-dimensional float64 tensor that autograd can
   differentiate (not a Python float: no .item()), without in-place
   operations that break the backward pass.

2. grad_f(x, w): return the pair (df/dx, df/dw) as float64 tensors of
   shapes (n, d) and (d,), derived by hand and computed with tensor
   operations. grad_f must not use autograd in any form (no .backward(),
   no torch.autograd).

Neither function may change x or w. The checker compares grad_f with
torch.autograd.grad of the reference f on many random inputs: every entry
must be within 1e-12 + 1e-10 * |autograd's value|.
"""

import torch


def f(x, w):
    """The mean over the rows of x of tanh(x_i . w) squared, a 0-dim tensor."""
    raise NotImplementedError("f is not written yet")


def grad_f(x, w):
    """(df/dx, df/dw), derived by hand, without autograd."""
    raise NotImplementedError("grad_f is not written yet")
