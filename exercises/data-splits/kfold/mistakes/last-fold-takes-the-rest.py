# Gives every fold n // k samples and the last one the remainder, so sizes can differ by more than one.
def kfold_indices(n, k):
    if n < 1 or k < 2 or k > n:
        raise ValueError("invalid input")
    size = n // k
    folds = []
    for f in range(k):
        start, stop = f * size, (n if f == k - 1 else (f + 1) * size)
        folds.append((list(range(start)) + list(range(stop, n)), list(range(start, stop))))
    return folds
