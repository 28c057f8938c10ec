"""Checks find_leaks against the reference: the exact list of (i, j) pairs,
sorted, on edge cases (repeats, mixed types, empty lists) and random records
with many collisions."""

import coursecheck as cc

EDGE_CASES = [
    ([], []),
    (["a"], []),
    ([], ["a"]),
    (["a", "b", "a"], ["c", "a"]),
    (["x"], ["x", "x", "x"]),
    (["a", "a"], ["a", "a"]),
    ([1, "1", 1.5], ["1", 1, 2]),
    ([(1, 2), (2, 1), (1, 2)], [(2, 1), (1, 2, 0)]),
    (["cat.jpg", "dog.jpg"], ["Cat.jpg", "dog.jpg "]),
    ([None, 0, ""], ["", 0, None]),
]


def test_finds_every_duplicate_pair_on_edge_cases(learner, ref):
    for train, test in EDGE_CASES:
        cc.compare(learner.find_leaks, ref.find_leaks, train, test)


def test_finds_every_duplicate_pair_on_random_records(learner, ref):
    for rng in cc.random_cases(30, seed=41):
        width = rng.randint(1, 3)
        hi = rng.randint(1, 4)
        m, k = rng.randint(0, 3 + 2 * rng.case), rng.randint(0, 3 + 2 * rng.case)
        train = [tuple(rng.randint(0, hi) for _ in range(width)) for _ in range(m)]
        test = [tuple(rng.randint(0, hi) for _ in range(width)) for _ in range(k)]
        cc.compare(learner.find_leaks, ref.find_leaks, train, test)


def test_finds_the_overlap_of_two_large_sets(learner, ref):
    train = [f"img{i:05d}" for i in range(20000)]
    test = [f"img{i:05d}" for i in range(19990, 21990)]
    cc.compare(learner.find_leaks, ref.find_leaks, train, test)
