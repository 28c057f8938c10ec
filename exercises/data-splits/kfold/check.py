"""Checks kfold_indices against the reference (the lesson fixes the
algorithm: contiguous folds, the first n % k one sample larger, as
scikit-learn's KFold without shuffling), after checking the properties that
make it cross-validation: k folds, sizes within one, every index in exactly
one test fold, train the complement of test."""

import coursecheck as cc

EDGE_CASES = [(2, 2), (3, 2), (5, 2), (10, 5), (10, 3), (7, 7), (11, 4), (1000, 10), (9, 8)]


def _check(learner, ref, n, k):
    call = f"kfold_indices({n}, {k})"

    def fail(message, expected="", actual=""):
        raise cc.CheckFailure(f"{call}: {message}", input=call, expected=expected, actual=actual)

    def differ(actual, expected):
        # Messages are built only on failure: the folds may hold thousands of indices.
        if not isinstance(actual, (list, tuple)) or len(actual) != k:
            got = f"{len(actual)}" if isinstance(actual, (list, tuple)) else type(actual).__name__
            fail(f"it should return {k} (train, test) pairs, got {got}", f"{k} pairs", cc.show(actual))
        tested = {}
        for f, pair in enumerate(actual):
            if not isinstance(pair, (list, tuple)) or len(pair) != 2:
                fail(f"element {f} should be a pair (train, test), got {cc.show(pair, 100)}", actual=cc.show(actual))
            train, test = pair
            overlap = set(train) & set(test)
            if overlap:
                fail(f"fold {f} has indices {sorted(overlap)[:5]} in both train and test",
                     "train and test disjoint", f"fold {f}: {cc.show(pair, 300)}")
            rest = set(range(n)) - set(train) - set(test)
            if rest:
                fail(f"fold {f} leaves indices {sorted(rest)[:5]} out of both train and test; "
                     "train should be every index that is not tested",
                     f"train = all of 0..{n - 1} except the test fold", f"fold {f}: {cc.show(pair, 300)}")
            for i in test:
                if i in tested:
                    fail(f"index {i} is in the test folds {tested[i]} and {f}; each index must be tested exactly once",
                         actual=cc.show(actual, 400))
                tested[i] = f
        never = set(range(n)) - set(tested)
        if never:
            fail(f"indices {sorted(never)[:5]} are in no test fold ({len(never)} in all); "
                 f"the n % k = {n % k} leftover samples must go to the first folds",
                 f"all {n} indices tested once", f"{len(tested)} tested")
        sizes = [len(p[1]) for p in actual]
        if max(sizes) - min(sizes) > 1:
            fail(f"test fold sizes {sizes} differ by {max(sizes) - min(sizes)}; they may differ by at most 1",
                 f"sizes {[len(p[1]) for p in expected]}", f"sizes {sizes}")
        want = [len(p[1]) for p in expected]
        if sizes != want:
            fail(f"test fold sizes are {sizes}, but KFold's are {want}: the first n % k = {n % k} folds "
                 "get one sample more than the others", f"sizes {want}", f"sizes {sizes}")
        return cc.describe_difference(actual, expected, 0, 0)

    cc.compare(learner.kfold_indices, ref.kfold_indices, n, k, differ=differ)


def test_folds_on_edge_cases(learner, ref):
    for n, k in EDGE_CASES:
        _check(learner, ref, n, k)


def test_folds_on_random_sizes(learner, ref):
    for rng in cc.random_cases(30, seed=51):
        n = rng.randint(2, 4 + 6 * rng.case)
        k = rng.randint(2, min(n, 12))
        _check(learner, ref, n, k)


def test_rejects_empty_input_and_impossible_k(learner):
    fn = learner.kfold_indices
    cc.expect_raises(ValueError, fn, 0, 2)
    cc.expect_raises(ValueError, fn, 5, 1)
    cc.expect_raises(ValueError, fn, 5, 0)
    cc.expect_raises(ValueError, fn, 3, 4)
    cc.expect_raises(ValueError, fn, 1, 2)


def test_rejects_numbers_that_are_not_integers(learner):
    fn = learner.kfold_indices
    cc.expect_raises(ValueError, fn, 5.0, 2)
    cc.expect_raises(ValueError, fn, 6, 2.0)
    cc.expect_raises(ValueError, fn, 6, True)
