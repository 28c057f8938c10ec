"""Seeded stratified split.

Write stratified_split(labels, test_fraction, seed). labels[i] is the class
of sample i. Return (train, test): two disjoint lists of indices that
together hold 0..len(labels)-1, such that

  * every class c with n_c samples has between floor(f * n_c) and
    ceil(f * n_c) of them in the test set (within one sample of its share),
  * the test set as a whole has between floor(f * n) and ceil(f * n) samples,

where f is test_fraction and n = len(labels). The same seed must give the
same split; different seeds should give different ones.

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
