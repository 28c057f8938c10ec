# Shuffles and cuts the samples, ignoring groups, so a group ends up on both sides.
import random


def group_split(groups, test_fraction, seed):
    if not groups or not 0 < test_fraction < 1 or len(set(groups)) < 2:
        raise ValueError("invalid input")
    indices = list(range(len(groups)))
    random.Random(seed).shuffle(indices)
    n_test = max(1, round(test_fraction * len(groups)))
    return sorted(indices[n_test:]), sorted(indices[:n_test])
