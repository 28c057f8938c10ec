# Ignores the gap: training runs right up to the test window.
def time_series_splits(n, n_splits, gap=0):
    if n < 1 or n_splits < 2 or gap < 0 or n_splits + 1 > n:
        raise ValueError("invalid input")
    size = n // (n_splits + 1)
    first = n - n_splits * size
    if first - gap <= 0:
        raise ValueError("first training set would be empty")
    return [(list(range(s)), list(range(s, s + size))) for s in range(first, n, size)]
