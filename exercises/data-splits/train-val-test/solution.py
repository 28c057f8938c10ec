"""Seeded train / validation / test split of n samples (reference solution)."""

import math
import random


def split_sizes(n, fractions):
    """Sizes of the three sets by the largest-remainder rule.

    Each set first gets floor(f * n) samples; the samples left over go one
    at a time to the sets with the largest fractional parts f * n - floor(f * n),
    ties going to the earlier set (train, then validation, then test).
    """
    exact = [f * n for f in fractions]
    sizes = [math.floor(x) for x in exact]
    left = n - sum(sizes)
    order = sorted(range(3), key=lambda i: -(exact[i] - sizes[i]))
    for i in order[:left]:
        sizes[i] += 1
    return sizes


def train_val_test_split(n, fractions, seed):
    """Split the indices 0..n-1 into (train, validation, test) lists.

    fractions is (train, validation, test): three numbers >= 0 that sum to 1.
    The same seed always gives the same split.
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    if len(fractions) != 3:
        raise ValueError(f"fractions must hold three numbers (train, validation, test), got {len(fractions)}")
    if any(f < 0 for f in fractions):
        raise ValueError(f"fractions must not be negative, got {fractions!r}")
    if abs(sum(fractions) - 1) > 1e-9:
        raise ValueError(f"fractions must sum to 1, they sum to {sum(fractions)!r}")
    n_train, n_val, _ = split_sizes(n, fractions)
    indices = list(range(n))
    random.Random(seed).shuffle(indices)
    return (
        indices[:n_train],
        indices[n_train:n_train + n_val],
        indices[n_train + n_val:],
    )
