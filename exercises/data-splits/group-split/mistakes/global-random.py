# Seeds and shuffles the global random module: the split is reproducible, but every other user of random is disturbed.
import math
import random


def group_split(groups, test_fraction, seed):
    """Split the indices of groups into (train, test) lists, in increasing
    order, so that all samples of a group land on the same side.

    test_fraction is a fraction of the groups, not of the samples (as in
    scikit-learn's GroupShuffleSplit): floor(f * G + 0.5) of the G distinct
    groups (round half up), at least 1 and at most G - 1, go to the test set.
    """
    if len(groups) == 0:
        raise ValueError("groups is empty: there is nothing to split")
    if isinstance(test_fraction, bool) or not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be between 0 and 1 (exclusive), got {test_fraction!r}")
    distinct = list(dict.fromkeys(groups))  # in order of first appearance
    g = len(distinct)
    if g < 2:
        raise ValueError(f"need at least 2 distinct groups to split, got {g}")
    n_test = min(max(math.floor(test_fraction * g + 0.5), 1), g - 1)
    random.seed(seed)
    random.shuffle(distinct)
    held_out = set(distinct[:n_test])
    train = [i for i, grp in enumerate(groups) if grp not in held_out]
    test = [i for i, grp in enumerate(groups) if grp in held_out]
    return train, test
