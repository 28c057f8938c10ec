# Does not reject a gap that swallows the first training set, returning an empty one.
def time_series_splits(n, n_splits, gap=0):
    if n < 1 or n_splits < 2 or gap < 0 or n_splits + 1 > n:
        raise ValueError("invalid input")
    size = n // (n_splits + 1)
    first = n - n_splits * size
    return [(list(range(max(0, s - gap))), list(range(s, s + size))) for s in range(first, n, size)]
