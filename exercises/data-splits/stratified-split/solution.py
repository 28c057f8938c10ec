"""Seeded stratified train / test split (reference solution)."""

import math
import random


def test_counts(counts, test_fraction):
    """How many samples of each class go to the test set.

    counts maps each class to its number of samples, in order of first
    appearance. Every class first gets floor(f * n_c); the test set as a
    whole holds floor(f * n + 0.5) samples (round half up), and the samples
    still missing go, one each, to the classes with the largest fractional
    part f * n_c - floor(f * n_c) (ties: the class seen first; sorted is
    stable). So each class is within one sample of its exact share, and so
    is the whole test set.
    """
    n = sum(counts.values())
    exact = {c: test_fraction * k for c, k in counts.items()}
    take = {c: math.floor(x) for c, x in exact.items()}
    missing = math.floor(test_fraction * n + 0.5) - sum(take.values())
    for c in sorted(counts, key=lambda c: -(exact[c] - take[c]))[:missing]:
        take[c] += 1
    return take


def stratified_split(labels, test_fraction, seed):
    """Split the indices of labels into (train, test) lists, in increasing
    order, so that every class is within one sample of test_fraction (the
    counts of test_counts), with a shuffle of its own random.Random(seed)."""
    if len(labels) == 0:
        raise ValueError("labels is empty: there is nothing to split")
    if isinstance(test_fraction, bool) or not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be between 0 and 1 (exclusive), got {test_fraction!r}")
    members = {}
    for i, label in enumerate(labels):
        members.setdefault(label, []).append(i)
    take = test_counts({c: len(idx) for c, idx in members.items()}, test_fraction)
    rng = random.Random(seed)
    train, test = [], []
    for c, idx in members.items():
        idx = idx[:]
        rng.shuffle(idx)
        test += idx[:take[c]]
        train += idx[take[c]:]
    return sorted(train), sorted(test)
