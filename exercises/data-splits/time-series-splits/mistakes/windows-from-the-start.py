# Places the test windows right after the first test_size samples, leaving the n % (n_splits + 1) newest samples untested.
def time_series_splits(n, n_splits, gap=0):
    if n < 1 or n_splits < 2 or gap < 0 or n_splits + 1 > n:
        raise ValueError("invalid input")
    size = n // (n_splits + 1)
    if size - gap <= 0:
        raise ValueError("first training set would be empty")
    return [(list(range((s + 1) * size - gap)), list(range((s + 1) * size, (s + 2) * size))) for s in range(n_splits)]
