"""Checks train_val_test_split by its properties: the sizes follow the
largest-remainder rule, the three sets partition 0..n-1, the same seed gives
the same split, different seeds give different splits, and bad input raises
ValueError. Any shuffle is accepted; only the reference's sizes are exact."""

import random

import coursecheck as cc

EDGE_CASES = [
    (1, (1.0, 0.0, 0.0), 0),
    (1, (0.2, 0.4, 0.4), 0),
    (2, (0.5, 0.5, 0.0), 1),
    (3, (1 / 3, 1 / 3, 1 / 3), 2),
    (5, (0.0, 0.0, 1.0), 3),
    (7, (0.5, 0.25, 0.25), 4),
    (10, (0.6, 0.2, 0.2), 5),
    (10, (0.7, 0.15, 0.15), 6),
    (11, (0.8, 0.1, 0.1), 7),
    (100, (0.29, 0.29, 0.42), 8),
    (1000, (0.98, 0.01, 0.01), 9),
]


def _sizes(split):
    return tuple(len(part) for part in split)


def _partition_problem(actual, n):
    """Why actual is not three lists partitioning range(n), or None."""
    if not isinstance(actual, (tuple, list)) or len(actual) != 3:
        return f"it should return three lists (train, validation, test), got {cc.show(actual, 200)}"
    for name, part in zip(("train", "validation", "test"), actual):
        if not isinstance(part, (list, tuple)):
            return f"the {name} set should be a list of indices, got {type(part).__name__}"
        bad = [i for i in part if not isinstance(i, int) or isinstance(i, bool) or not 0 <= i < n]
        if bad:
            return f"the {name} set holds {cc.show(bad[:5], 100)}, which are not indices 0..{n - 1}"
    seen = {}
    for name, part in zip(("train", "validation", "test"), actual):
        for i in part:
            if i in seen:
                where = "twice in the " + name + " set" if seen[i] == name else f"in both the {seen[i]} and the {name} set"
                return f"index {i} is {where}; the sets must be disjoint"
            seen[i] = name
    missing = sorted(set(range(n)) - set(seen))
    if missing:
        return f"{len(missing)} of {n} indices are in no set (first: {missing[:5]}); every sample must be used"
    return None


def _check_split(learner, ref, n, fractions, seed):
    def differ(actual, expected):
        problem = _partition_problem(actual, n)
        cc.expect(problem is None, f"train_val_test_split({n}, {fractions!r}, {seed}): {problem}",
                  expected=f"three disjoint lists covering 0..{n - 1}, sizes {_sizes(expected)}",
                  actual=cc.show(actual))
        cc.expect(_sizes(actual) == _sizes(expected),
                  f"train_val_test_split({n}, {fractions!r}, {seed}): the sets have sizes {_sizes(actual)} "
                  f"but the largest-remainder rule gives {_sizes(expected)} "
                  f"(exact shares {tuple(round(f * n, 6) for f in fractions)})",
                  expected=f"sizes {_sizes(expected)}", actual=f"sizes {_sizes(actual)}")
        return None

    cc.compare(learner.train_val_test_split, ref.train_val_test_split, n, fractions, seed, differ=differ)


def test_sizes_and_disjointness_on_edge_cases(learner, ref):
    for n, fractions, seed in EDGE_CASES:
        _check_split(learner, ref, n, fractions, seed)


def test_sizes_and_disjointness_on_random_inputs(learner, ref):
    for rng in cc.random_cases(30, seed=11):
        n = rng.randint(1, 5 + 10 * rng.case)
        weights = [rng.choice([0, rng.randint(1, 20)]) for _ in range(3)]
        if sum(weights) == 0:
            weights[0] = 1
        fractions = tuple(w / sum(weights) for w in weights)
        _check_split(learner, ref, n, fractions, rng.randint(0, 10**6))


def test_the_same_seed_gives_the_same_split(learner):
    for n, fractions, seed in [(20, (0.6, 0.2, 0.2), 0), (57, (0.5, 0.3, 0.2), 42), (9, (0.34, 0.33, 0.33), 7)]:
        first = cc.call(learner.train_val_test_split, n, fractions, seed)
        random.random()  # other code using the global generator must not matter
        second = cc.call(learner.train_val_test_split, n, fractions, seed)
        cc.expect(cc.approx_equal(first, second, 0, 0),
                  f"train_val_test_split({n}, {fractions!r}, {seed}) returned different splits on two calls; "
                  "shuffle with random.Random(seed), not the global random module",
                  expected=cc.show(first), actual=cc.show(second))


def test_different_seeds_give_different_splits(learner):
    n, fractions = 40, (0.6, 0.2, 0.2)
    splits = {}
    for seed in range(5):
        split = cc.call(learner.train_val_test_split, n, fractions, seed)
        key = tuple(tuple(sorted(part)) for part in split)
        cc.expect(key not in splits,
                  f"train_val_test_split({n}, {fractions!r}, seed) gave the same split for seeds {splits.get(key)} and {seed}; "
                  "the seed must choose the shuffle",
                  expected="a different split for each seed", actual=cc.show(split))
        splits[key] = seed


def test_leaves_the_global_random_state_alone(learner):
    random.seed(123)
    before = random.random()
    random.seed(123)
    cc.call(learner.train_val_test_split, 30, (0.6, 0.2, 0.2), 5)
    after = random.random()
    cc.expect(before == after,
              "train_val_test_split(30, (0.6, 0.2, 0.2), 5) changed the global random generator "
              "(random.seed or random.shuffle); use a private random.Random(seed) so other code is not affected",
              expected=f"random.random() after the call = {before!r}", actual=repr(after))


def test_rejects_empty_input_and_invalid_fractions(learner):
    fn = learner.train_val_test_split
    cc.expect_raises(ValueError, fn, 0, (0.6, 0.2, 0.2), 0)
    cc.expect_raises(ValueError, fn, -5, (0.6, 0.2, 0.2), 0)
    cc.expect_raises(ValueError, fn, 10, (0.6, 0.2, 0.1), 0)
    cc.expect_raises(ValueError, fn, 10, (0.6, 0.3, 0.2), 0)
    cc.expect_raises(ValueError, fn, 10, (1.2, -0.1, -0.1), 0)
    cc.expect_raises(ValueError, fn, 10, (0.5, 0.5), 0)
