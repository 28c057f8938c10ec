"""k-fold cross-validation indices (reference solution)."""


def kfold_indices(n, k):
    """Split 0..n-1 into k contiguous test folds, as scikit-learn's KFold
    does without shuffling: the first n % k folds get n // k + 1 samples,
    the rest n // k. Return a list of k pairs (train, test)."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise ValueError(f"n must be an integer, got {n!r}")
    if isinstance(k, bool) or not isinstance(k, int) or k < 2:
        raise ValueError(f"k must be an integer of at least 2, got {k!r}")
    if k > n:  # this also rejects n < 1, as k >= 2
        raise ValueError(f"k = {k} folds need at least {k} samples, got n = {n}")
    folds = []
    start = 0
    for f in range(k):
        size = n // k + (1 if f < n % k else 0)
        stop = start + size
        folds.append((list(range(start)) + list(range(stop, n)), list(range(start, stop))))
        start = stop
    return folds
