"""An MLP with an exact parameter count.

1. mlp(sizes): a multilayer perceptron as torch.nn.Sequential. sizes lists
   the widths from input to output: mlp([4, 8, 3]) is Linear(4, 8), ReLU,
   Linear(8, 3). Every Linear has a bias; a ReLU follows every Linear but
   the last. sizes has at least two entries.

2. count_parameters(model): how many numbers training would change, i.e.
   the elements of the model's parameters that require gradients. Buffers
   (BatchNorm's running statistics) are not parameters, and a layer used
   twice in the model counts once.

3. hidden_width_for_budget(n_in, n_out, budget): the largest hidden width h
   (an int) such that mlp([n_in, h, n_out]) has at most `budget`
   parameters, or 0 if no h >= 1 fits.
"""

import torch
from torch import nn


def mlp(sizes):
    """Linear layers between consecutive sizes, with ReLU between them."""
    raise NotImplementedError("mlp is not written yet")


def count_parameters(model):
    """The number of trainable parameters (elements, not tensors)."""
    raise NotImplementedError("count_parameters is not written yet")


def hidden_width_for_budget(n_in, n_out, budget):
    """The widest hidden layer whose MLP fits in budget parameters."""
    raise NotImplementedError("hidden_width_for_budget is not written yet")
