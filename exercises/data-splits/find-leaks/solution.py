"""Exact duplicates between a training and a test set (reference solution)."""


def find_leaks(train, test):
    """Return every pair (i, j) with train[i] == test[j], sorted.

    Records are hashable values (strings, numbers, tuples), compared with ==.
    One dictionary from record to its training indices makes this
    O(len(train) + len(test) + number of pairs) instead of comparing every
    training record with every test record.
    """
    where = {}
    for i, record in enumerate(train):
        where.setdefault(record, []).append(i)
    pairs = [(i, j) for j, record in enumerate(test) for i in where.get(record, ())]
    return sorted(pairs)
