# Seeds and shuffles with the global random module: reproducible, but it disturbs every other user of random.
"""Split Oxford-IIIT Pet photos by animal, stratified by breed (reference solution)."""

import math
import random


def breed_of(filename):
    """The breed in a file name "<breed>_<number>.<extension>"."""
    stem, dot, _ = filename.rpartition(".")
    breed, underscore, number = stem.rpartition("_")
    if not dot or not underscore or not breed or not number.isdigit():
        raise ValueError(f"{filename!r} is not of the form <breed>_<number>.<extension>")
    return breed


def split_by_animal(filenames, animals, fractions, seed):
    """Return (train, val, test): sorted lists of file names, with every
    photo of one animal on the same side and each breed's animals split
    by the fractions (train, val, test)."""
    if len(filenames) != len(animals):
        raise ValueError(f"{len(filenames)} file names but {len(animals)} animal ids")
    if len(set(filenames)) != len(filenames):
        raise ValueError("a file name appears twice")
    if len(fractions) != 3 or min(fractions) < 0 or abs(sum(fractions) - 1) > 1e-9:
        raise ValueError(f"fractions must be three numbers >= 0 that sum to 1, got {fractions!r}")
    breed_of_animal = {}
    for name, animal in zip(filenames, animals):
        breed = breed_of(name)
        if breed_of_animal.setdefault(animal, breed) != breed:
            raise ValueError(f"animal {animal!r} has photos of two breeds, {breed_of_animal[animal]!r} and {breed!r}")
    by_breed = {}
    for animal, breed in breed_of_animal.items():
        by_breed.setdefault(breed, []).append(animal)

    random.seed(seed)
    rng = random
    _, f_val, f_test = fractions
    side = {}
    for breed in sorted(by_breed):
        group = sorted(by_breed[breed])
        rng.shuffle(group)
        n_test = math.floor(f_test * len(group) + 0.5)
        n_val = math.floor(f_val * len(group) + 0.5)
        for i, animal in enumerate(group):
            side[animal] = 2 if i < n_test else 1 if i < n_test + n_val else 0
    parts = ([], [], [])
    for name, animal in zip(filenames, animals):
        parts[side[animal]].append(name)
    return sorted(parts[0]), sorted(parts[1]), sorted(parts[2])
