"""Forward-chaining splits for time series.

Write time_series_splits(n, n_splits, gap=0). Samples 0..n-1 are in time
order. Return n_splits pairs (train, test), following scikit-learn's
TimeSeriesSplit(n_splits, gap=gap):

    test_size = n // (n_splits + 1)
    the test windows are the last n_splits * test_size samples, cut into
    n_splits consecutive windows of test_size;
    a window starting at `start` trains on range(0, start - gap).

    time_series_splits(10, 3, gap=1)
    ->  [([0, 1, 2], [4, 5]), ([0, 1, 2, 3, 4], [6, 7]), ([0, ..., 6], [8, 9])]

gap defaults to 0. Never shuffle: the model must not train on the future.
Raise ValueError when an argument is not an integer (a float such as 10.0,
or a bool), n_splits < 2, gap < 0, n_splits + 1 > n, or the first training
set would be empty.
"""


def time_series_splits(n, n_splits, gap=0):
    """Return [(train, test), ...] forward-chaining splits of 0..n-1."""
    test_size = n // (n_splits + 1)
    splits = []
    for s in range(n_splits):
        start = (s + 1) * test_size
        # TODO: the leftover samples, the gap and the checks are missing.
        splits.append((list(range(start)), list(range(start, start + test_size))))
    return splits
