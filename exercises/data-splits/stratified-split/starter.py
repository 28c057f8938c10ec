"""Seeded stratified split.

Write stratified_split(labels, test_fraction, seed). labels[i] is the class
of sample i. Return (train, test): two lists of indices, each in increasing
order, that together hold every index 0..len(labels)-1 exactly once, where

  * the test set holds T = floor(f * n + 0.5) samples (round half up:
    Python's round() sends 2.5 to 2), f = test_fraction, n = len(labels);
  * every class c with n_c samples first gets floor(f * n_c) test samples,
    and the T - sum of those still missing go, one each, to the classes with
    the largest remainder f * n_c - floor(f * n_c); ties go to the class that
    appears first in labels.

Which samples of a class go to the test set is decided by random.Random(seed):
the same seed gives the same split, different seeds different ones, and the
global random module's state is left alone.

    stratified_split(["cat"] * 6 + ["dog"] * 4, 0.5, seed=0)
    ->  3 cats and 2 dogs in each set

Raise ValueError for empty labels or a test_fraction outside (0, 1).
"""

import random


def stratified_split(labels, test_fraction, seed):
    """Split the indices of labels into (train, test), class by class."""
    indices = list(range(len(labels)))
    random.Random(seed).shuffle(indices)
    n_test = round(test_fraction * len(labels))
    # TODO: this split ignores the classes. Split each class on its own.
    return sorted(indices[n_test:]), sorted(indices[:n_test])
