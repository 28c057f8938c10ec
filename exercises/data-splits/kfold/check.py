"""Checks kfold_indices against the reference (the lesson fixes the
algorithm: contiguous folds, the first n % k one sample larger, as
scikit-learn's KFold without shuffling), after checking the properties that
make it cross-validation: k folds, sizes within one, every index in exactly
one test fold, train the complement of test."""

import coursecheck as cc

EDGE_CASES = [(2, 2), (3, 2), (5, 2), (10, 5), (10, 3), (7, 7), (11, 4), (1000, 10), (9, 8)]


def _check(learner, ref, n, k):
    call = f"kfold_indices({n}, {k})"

    def differ(actual, expected):
        cc.expect(isinstance(actual, (list, tuple)) and len(actual) == k,
                  f"{call}: it should return {k} (train, test) pairs, got "
                  + (f"{len(actual)}" if isinstance(actual, (list, tuple)) else type(actual).__name__),
                  expected=f"{k} pairs", actual=cc.show(actual))
        tested = {}
        for f, pair in enumerate(actual):
            cc.expect(isinstance(pair, (list, tuple)) and len(pair) == 2,
                      f"{call}: element {f} should be a pair (train, test), got {cc.show(pair, 100)}",
                      actual=cc.show(actual))
            train, test = pair
            overlap = sorted(set(train) & set(test))
            cc.expect(not overlap, f"{call}: fold {f} has indices {overlap[:5]} in both train and test",
                      expected="train and test disjoint", actual=f"fold {f}: {cc.show(pair, 300)}")
            rest = sorted(set(range(n)) - set(train) - set(test))
            cc.expect(not rest, f"{call}: fold {f} leaves indices {rest[:5]} out of both train and test; "
                      "train should be every index that is not tested",
                      expected=f"train = all of 0..{n - 1} except the test fold", actual=f"fold {f}: {cc.show(pair, 300)}")
            for i in test:
                cc.expect(i not in tested, f"{call}: index {i} is in the test folds {tested.get(i)} and {f}; "
                          "each index must be tested exactly once", actual=cc.show(actual, 400))
                tested[i] = f
        never = sorted(set(range(n)) - set(tested))
        cc.expect(not never, f"{call}: indices {never[:5]} are in no test fold ({len(never)} in all); "
                  f"the n % k = {n % k} leftover samples must go to the first folds",
                  expected=f"all {n} indices tested once", actual=f"{len(tested)} tested")
        sizes = [len(p[1]) for p in actual]
        cc.expect(max(sizes) - min(sizes) <= 1,
                  f"{call}: test fold sizes {sizes} differ by {max(sizes) - min(sizes)}; they may differ by at most 1",
                  expected=f"sizes {[len(p[1]) for p in expected]}", actual=f"sizes {sizes}")
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
