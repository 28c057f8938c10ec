# Uses n // k for every fold and drops the n % k leftover samples, which are never tested.
def kfold_indices(n, k):
    if n < 1 or k < 2 or k > n:
        raise ValueError("invalid input")
    size = n // k
    folds = []
    for f in range(k):
        start, stop = f * size, (f + 1) * size
        folds.append((list(range(start)) + list(range(stop, n)), list(range(start, stop))))
    return folds
