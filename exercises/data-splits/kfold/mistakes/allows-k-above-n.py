# Accepts k > n and returns empty test folds instead of raising ValueError.
def kfold_indices(n, k):
    if n < 1 or k < 2:
        raise ValueError("invalid input")
    folds, start = [], 0
    for f in range(k):
        stop = start + n // k + (1 if f < n % k else 0)
        folds.append((list(range(start)) + list(range(stop, n)), list(range(start, stop))))
        start = stop
    return folds
