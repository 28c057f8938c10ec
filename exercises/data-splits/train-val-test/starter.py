"""Seeded train / validation / test split.

Write train_val_test_split(n, fractions, seed). It splits the sample
indices 0, 1, ..., n-1 into three disjoint lists (train, validation, test)
that together hold every index exactly once.

fractions is a tuple (train, validation, test) of numbers >= 0 summing to 1.
Sizes follow the largest-remainder rule from the lesson: each set first gets
floor(f * n) samples; the samples left over go one at a time to the sets with
the largest fractional part f * n - floor(f * n), ties to the earlier set.

    train_val_test_split(10, (0.6, 0.2, 0.2), seed=0)
    ->  three lists of sizes 6, 2 and 2, shuffled with random.Random(0)

The same seed must always give the same split; different seeds should give
different splits. Raise ValueError when n < 1 or the fractions are invalid.
"""

import random


def train_val_test_split(n, fractions, seed):
    """Split the indices 0..n-1 into (train, validation, test) lists."""
    indices = list(range(n))
    # TODO: validate the inputs, compute the three sizes, shuffle with a
    # random.Random(seed) of your own, and slice.
    return indices, [], []
