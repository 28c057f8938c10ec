# Shuffles the samples before cutting the windows, so the model trains on the future.
import random


def time_series_splits(n, n_splits, gap=0):
    if n < 1 or n_splits < 2 or gap < 0 or n_splits + 1 > n:
        raise ValueError("invalid input")
    order = list(range(n))
    random.Random(0).shuffle(order)
    size = n // (n_splits + 1)
    first = n - n_splits * size
    if first - gap <= 0:
        raise ValueError("first training set would be empty")
    return [(sorted(order[: s - gap]), sorted(order[s:s + size])) for s in range(first, n, size)]
