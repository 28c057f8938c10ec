# Checks only the values, not the types: kfold_indices(5.0, 2) fails with a TypeError deep inside range() instead of a ValueError.
def kfold_indices(n, k):
    """Split 0..n-1 into k contiguous test folds, as scikit-learn's KFold
    does without shuffling: the first n % k folds get n // k + 1 samples,
    the rest n // k. Return a list of k pairs (train, test)."""
    if n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    if k < 2:
        raise ValueError(f"k must be an integer of at least 2, got {k!r}")
    if k > n:
        raise ValueError(f"k = {k} folds need at least {k} samples, got n = {n}")
    folds = []
    start = 0
    for f in range(k):
        size = n // k + (1 if f < n % k else 0)
        stop = start + size
        folds.append((list(range(start)) + list(range(stop, n)), list(range(start, stop))))
        start = stop
    return folds
