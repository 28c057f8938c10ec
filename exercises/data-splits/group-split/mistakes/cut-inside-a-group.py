# Orders samples by shuffled group, then cuts at round(f * n) samples: the group at the cut lands on both sides.
import random


def group_split(groups, test_fraction, seed):
    if not groups or not 0 < test_fraction < 1 or len(set(groups)) < 2:
        raise ValueError("invalid input")
    distinct = list(dict.fromkeys(groups))
    random.Random(seed).shuffle(distinct)
    rank = {g: r for r, g in enumerate(distinct)}
    order = sorted(range(len(groups)), key=lambda i: rank[groups[i]])
    n_test = max(1, round(test_fraction * len(groups)))
    return sorted(order[n_test:]), sorted(order[:n_test])
