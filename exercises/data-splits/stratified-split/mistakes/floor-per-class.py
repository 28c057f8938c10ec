# Takes floor(f * n_c) of each class and never hands out the leftover, so the test set is too small.
import math
import random


def stratified_split(labels, test_fraction, seed):
    if not labels or not 0 < test_fraction < 1:
        raise ValueError("invalid input")
    members = {}
    for i, label in enumerate(labels):
        members.setdefault(label, []).append(i)
    rng = random.Random(seed)
    train, test = [], []
    for idx in members.values():
        idx = idx[:]
        rng.shuffle(idx)
        k = math.floor(test_fraction * len(idx))
        test += idx[:k]
        train += idx[k:]
    return sorted(train), sorted(test)
