"""Pairwise Euclidean distances by broadcasting.

pairwise_distances(a, b): a is an (n, d) tensor of n points, b an (m, d)
tensor of m points, both of the same floating dtype (float32 or float64).
Return the (n, m) tensor whose entry [i, j] is the Euclidean distance
between a[i] and b[j], with the dtype of the inputs. Either set may be
empty: then the result is (0, m) or (n, 0). a and b need not be
contiguous (a transposed tensor is a valid input).

- Broadcast: your file must contain no Python loop (no for, no while, no
  comprehension), and the number of tensor operations must not grow with n
  or m. Do not call torch.cdist.
- Compute from the differences a[i] - b[j], not from the expanded
  |a|^2 + |b|^2 - 2 a.b: identical points must give exactly 0.0 (never
  NaN), and points 1e-6 apart must come out right.
- Leave a and b unchanged.

Values must equal the exact distances within 1e-12 + 1e-9 * distance for
float64 inputs and within 1e-5 + 1e-5 * distance for float32 inputs.
"""

import torch


def pairwise_distances(a, b):
    """The (n, m) matrix of distances between the rows of a and of b."""
    raise NotImplementedError("pairwise_distances is not written yet")
