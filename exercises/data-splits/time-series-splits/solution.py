"""Forward-chaining splits for time-ordered data (reference solution)."""


def time_series_splits(n, n_splits, gap=0):
    """Return n_splits pairs (train, test) over samples 0..n-1 in time order,
    following scikit-learn's TimeSeriesSplit(n_splits, gap=gap):

      test_size = n // (n_splits + 1)
      split s tests  range(start, start + test_size), with
                     start = n - (n_splits - s) * test_size
      and trains on  range(0, start - gap)

    Training data always comes before the test window, and the gap samples
    between them are used for neither.
    """
    for name, value in (("n", n), ("n_splits", n_splits), ("gap", gap)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{name} must be an integer, got {value!r}")
    if n_splits < 2:
        raise ValueError(f"n_splits must be at least 2, got {n_splits}")
    if gap < 0:
        raise ValueError(f"gap must not be negative, got {gap}")
    if n_splits + 1 > n:  # this also rejects n < 1, as n_splits >= 2
        raise ValueError(f"{n_splits} splits need at least {n_splits + 1} samples, got n = {n}")
    test_size = n // (n_splits + 1)
    first_start = n - n_splits * test_size
    if first_start - gap <= 0:
        raise ValueError(
            f"n = {n} is too small for {n_splits} splits of {test_size} with gap = {gap}: "
            "the first training set would be empty"
        )
    splits = []
    for start in range(first_start, n, test_size):
        splits.append((list(range(start - gap)), list(range(start, start + test_size))))
    return splits
