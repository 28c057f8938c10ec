# Rounds validation and test down and gives train the rest, which breaks the documented rule.
import random


def train_val_test_split(n, fractions, seed):
    if n < 1 or len(fractions) != 3 or any(f < 0 for f in fractions) or abs(sum(fractions) - 1) > 1e-9:
        raise ValueError("invalid input")
    n_val = int(fractions[1] * n)
    n_test = int(fractions[2] * n)
    n_train = n - n_val - n_test
    indices = list(range(n))
    random.Random(seed).shuffle(indices)
    return indices[:n_train], indices[n_train:n_train + n_val], indices[n_train + n_val:]
