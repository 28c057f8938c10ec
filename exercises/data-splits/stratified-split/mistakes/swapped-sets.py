# Returns (test, train): the fraction ends up in the training set instead of the test set.
import math
import random


def stratified_split(labels, test_fraction, seed):
    if not labels or not 0 < test_fraction < 1:
        raise ValueError("invalid input")
    members = {}
    for i, label in enumerate(labels):
        members.setdefault(label, []).append(i)
    exact = {c: test_fraction * len(idx) for c, idx in members.items()}
    take = {c: math.floor(x) for c, x in exact.items()}
    missing = math.floor(test_fraction * len(labels) + 0.5) - sum(take.values())
    for c in sorted(members, key=lambda c: -(exact[c] - take[c]))[:missing]:
        take[c] += 1
    rng = random.Random(seed)
    train, test = [], []
    for c, idx in members.items():
        idx = idx[:]
        rng.shuffle(idx)
        test += idx[:take[c]]
        train += idx[take[c]:]
    return sorted(test), sorted(train)
