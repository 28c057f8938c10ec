"""Checks stratified_split against the rule the lesson states: the two sets
partition the indices; the test set holds floor(f * n + 0.5) samples (round
half up); each class gets floor(f * n_c) plus one of the leftover samples if
its remainder is among the largest (ties: the class seen first), which is
exactly the reference's count per class; both lists are sorted; the seed
decides which samples (and only the seed: the global random state is left
alone); bad input raises ValueError. Which samples of a class are held out is
free: any shuffle passes."""

import math
import random

import coursecheck as cc

EDGE_CASES = [
    (["a"], 0.5, 0),
    (["a", "b"], 0.5, 1),
    (["a"] * 9 + ["b"], 0.2, 2),
    (["cat"] * 6 + ["dog"] * 3 + ["fox"], 0.3, 3),
    ([0, 1, 0, 1, 1, 1], 0.5, 4),
    ([c for c in "abcdefghij" for _ in range(5)], 0.1, 5),
    ([c for c in "abc" for _ in range(3)], 0.5, 6),
    (["x", "y", "z", "x", "y", "z", "x"], 0.25, 7),
    ([1] * 95 + [0] * 5, 0.2, 8),
    (["spam", "ham"] * 50, 0.01, 9),
    (["a", "b", "c", "d"], 0.9, 10),
    (["a"] * 5, 0.5, 11),  # 2.5 rounds half up to 3 (round() gives 2)
    (["a"] * 7, 0.5, 12),  # 3.5 -> 4
    (["dog", "cat"] * 5, 0.5, 13),  # a tie between classes: dog appears first
    ([c for c in "jihgfedcba" for _ in range(5)], 0.1, 14),  # ties: the first five seen, not a..e
    (["x"] * 3 + ["y"] * 3, 0.5, 15),  # 1.5 each: x, seen first, gets the leftover
    (["a"] * 10, 0.21, 16),  # 2.1 -> 2, not ceil's 3
]


def _class_counts(labels, part):
    counts = {}
    for i in part:
        counts[labels[i]] = counts.get(labels[i], 0) + 1
    return counts


def _check_split(learner, ref, labels, test_fraction, seed):
    n = len(labels)
    call = f"stratified_split({cc.show(labels, 60)}, {test_fraction!r}, {seed})"

    def differ(actual, expected):
        ok = isinstance(actual, (tuple, list)) and len(actual) == 2 and all(isinstance(p, (list, tuple)) for p in actual)
        cc.expect(ok, f"{call}: it should return two lists (train, test), got {cc.show(actual, 200)}",
                  expected="(train, test)", actual=cc.show(actual))
        train, test = actual
        bad = [i for i in list(train) + list(test) if not isinstance(i, int) or isinstance(i, bool) or not 0 <= i < n]
        cc.expect(not bad, f"{call}: {cc.show(bad[:5])} are not indices 0..{n - 1}", actual=cc.show(actual))
        both = sorted(set(train) & set(test))
        cc.expect(not both, f"{call}: indices {both[:5]} are in both sets; train and test must be disjoint",
                  expected="no index in both", actual=cc.show(actual))
        cc.expect(len(set(train)) == len(train) and len(set(test)) == len(test),
                  f"{call}: an index appears twice in the same set", actual=cc.show(actual))
        missing = sorted(set(range(n)) - set(train) - set(test))
        cc.expect(not missing, f"{call}: {len(missing)} of {n} indices are in neither set (first: {missing[:5]})",
                  expected=f"all {n} indices", actual=cc.show(actual))
        share = test_fraction * n
        want_total = math.floor(share + 0.5)
        cc.expect(len(test) == want_total,
                  f"{call}: the test set has {len(test)} samples; it should hold f * n = {test_fraction} * {n} = "
                  f"{share:g} rounded half up, floor({share:g} + 0.5) = {want_total} (Python's round() sends "
                  "halves to the even number, math.ceil always up; rounding each class on its own lets the "
                  "total drift)",
                  expected=f"{want_total} test samples", actual=f"{len(test)} test samples")
        total = _class_counts(labels, range(n))
        in_test = _class_counts(labels, test)
        want = _class_counts(labels, expected[1])
        for c, n_c in total.items():  # in order of first appearance
            got = in_test.get(c, 0)
            cc.expect(got == want.get(c, 0),
                      f"{call}: class {c!r} has {got} of its {n_c} samples in the test set, but the rule gives "
                      f"{want.get(c, 0)}: every class gets floor(f * n_c) (here floor({test_fraction * n_c:g}) = "
                      f"{math.floor(test_fraction * n_c)}), then the samples still missing go, one each, to the "
                      "classes with the largest remainder f * n_c - floor(f * n_c), ties to the class that "
                      "appears first in labels",
                      expected=f"test counts {want}", actual=f"test counts {in_test}")
        for name, part in (("train", train), ("test", test)):
            cc.expect(list(part) == sorted(part),
                      f"{call}: the {name} list is not in increasing order; return sorted(train), sorted(test)",
                      expected=cc.show(sorted(part)), actual=cc.show(list(part)))
        return None

    cc.compare(learner.stratified_split, ref.stratified_split, labels, test_fraction, seed, differ=differ)


def test_class_ratios_on_edge_cases(learner, ref):
    for labels, f, seed in EDGE_CASES:
        _check_split(learner, ref, labels, f, seed)


def test_class_ratios_on_random_labels(learner, ref):
    names = ["cat", "dog", "fox", "owl", "eel", "yak"]
    for rng in cc.random_cases(30, seed=21):
        k = rng.randint(1, len(names))
        weights = [rng.randint(1, 10) for _ in range(k)]
        n = rng.randint(1, 5 + 8 * rng.case)
        labels = rng.choices(names[:k], weights=weights, k=n)
        f = round(rng.uniform(0.05, 0.95), 2)
        _check_split(learner, ref, labels, f, rng.randint(0, 10**6))


def test_the_same_seed_gives_the_same_split(learner):
    labels = ["cat"] * 12 + ["dog"] * 7 + ["fox"] * 3
    for seed in (0, 1, 99):
        first = cc.call(learner.stratified_split, labels, 0.3, seed)
        random.random()
        second = cc.call(learner.stratified_split, labels, 0.3, seed)
        same = [sorted(p) for p in first] == [sorted(p) for p in second]
        cc.expect(same, f"stratified_split(labels, 0.3, {seed}) returned different splits on two calls; "
                  "shuffle with random.Random(seed), not the global random module",
                  expected=cc.show(first), actual=cc.show(second))


def test_different_seeds_give_different_splits(learner):
    labels = ["cat"] * 20 + ["dog"] * 15 + ["fox"] * 5
    seen = {}
    for seed in range(5):
        train, test = cc.call(learner.stratified_split, labels, 0.25, seed)
        key = tuple(sorted(test))
        cc.expect(key not in seen,
                  f"stratified_split(labels, 0.25, seed) gave the same test set for seeds {seen.get(key)} and {seed}; "
                  "the seed must choose which samples of each class are held out",
                  expected="a different split for each seed", actual=cc.show(test))
        seen[key] = seed


def test_leaves_the_global_random_state_alone(learner):
    random.seed(7)
    before = random.random()
    random.seed(7)
    cc.call(learner.stratified_split, ["a", "b"] * 10, 0.5, 3)
    after = random.random()
    cc.expect(before == after, "stratified_split changed the global random generator; use random.Random(seed)",
              expected=repr(before), actual=repr(after))


def test_rejects_empty_labels_and_invalid_fractions(learner):
    fn = learner.stratified_split
    cc.expect_raises(ValueError, fn, [], 0.2, 0)
    for f in (0, 0.0, 1, 1.0, -0.2, 1.5):
        cc.expect_raises(ValueError, fn, ["a", "b", "a"], f, 0)
