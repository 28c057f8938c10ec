# Does not check that the fractions sum to 1, so (0.6, 0.2, 0.1) silently splits anyway.
import math
import random


def train_val_test_split(n, fractions, seed):
    if n < 1 or len(fractions) != 3 or any(f < 0 for f in fractions):
        raise ValueError("invalid input")
    exact = [f * n for f in fractions]
    sizes = [math.floor(x) for x in exact]
    for i in sorted(range(3), key=lambda i: -(exact[i] - sizes[i]))[: max(0, n - sum(sizes))]:
        sizes[i] += 1
    indices = list(range(n))
    random.Random(seed).shuffle(indices)
    return indices[:sizes[0]], indices[sizes[0]:sizes[0] + sizes[1]], indices[sizes[0] + sizes[1]:]
