# Rounds every size down with int(f * n), so the leftover samples are in no set.
import random


def train_val_test_split(n, fractions, seed):
    if n < 1 or len(fractions) != 3 or any(f < 0 for f in fractions) or abs(sum(fractions) - 1) > 1e-9:
        raise ValueError("invalid input")
    n_train, n_val, n_test = (int(f * n) for f in fractions)
    indices = list(range(n))
    random.Random(seed).shuffle(indices)
    return indices[:n_train], indices[n_train:n_train + n_val], indices[n_train + n_val:n_train + n_val + n_test]
