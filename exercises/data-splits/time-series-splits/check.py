"""Checks time_series_splits against the reference, index for index (the
lesson follows scikit-learn's TimeSeriesSplit), after checking the
properties every forward-chaining split needs: training indices all before
the test window, exactly gap samples between them, equal test windows."""

import coursecheck as cc

EDGE_CASES = [
    (3, 2, 0),
    (6, 5, 0),
    (10, 3, 0),
    (10, 3, 1),
    (10, 3, 3),
    (11, 2, 0),
    (12, 5, 1),
    (20, 4, 0),
    (100, 5, 10),
    (7, 2, 2),
]


def _check(learner, ref, n, n_splits, gap):
    call = f"time_series_splits({n}, {n_splits}, {gap})"

    def differ(actual, expected):
        cc.expect(isinstance(actual, (list, tuple)) and len(actual) == n_splits,
                  f"{call}: it should return {n_splits} (train, test) pairs, got "
                  + (f"{len(actual)}" if isinstance(actual, (list, tuple)) else type(actual).__name__),
                  expected=f"{n_splits} pairs", actual=cc.show(actual))
        for s, pair in enumerate(actual):
            cc.expect(isinstance(pair, (list, tuple)) and len(pair) == 2,
                      f"{call}: element {s} should be a pair (train, test), got {cc.show(pair, 100)}",
                      actual=cc.show(actual))
            train, test = pair
            if train and test:
                cc.expect(max(train) < min(test),
                          f"{call}: split {s} trains on index {max(train)}, which comes after the first test index "
                          f"{min(test)}; a forward-chaining split never trains on the future (do not shuffle)",
                          expected=f"split {s}: {cc.show(expected[s], 300)}", actual=f"split {s}: {cc.show(pair, 300)}")
                between = min(test) - max(train) - 1
                cc.expect(between == gap,
                          f"{call}: split {s} leaves {between} samples between its last training index {max(train)} "
                          f"and its first test index {min(test)}; the gap is {gap}",
                          expected=f"split {s}: {cc.show(expected[s], 300)}", actual=f"split {s}: {cc.show(pair, 300)}")
        sizes, size = [len(p[1]) for p in actual], n // (n_splits + 1)
        cc.expect(all(m == size for m in sizes),
                  f"{call}: the test windows hold {sizes} samples; each should hold n // (n_splits + 1) = {size}",
                  expected=f"{n_splits} windows of {size}", actual=f"windows of {sizes}")
        starts = [min(p[1]) for p in actual if p[1]]
        want = [min(p[1]) for p in expected]
        cc.expect(starts == want,
                  f"{call}: the test windows start at {starts}, but they should fill the end of the series and "
                  f"start at {want} (the first at n - n_splits * test_size = {n - n_splits * size})",
                  expected=f"windows starting at {want}", actual=f"windows starting at {starts}")
        return cc.describe_difference(actual, expected, 0, 0)

    cc.compare(learner.time_series_splits, ref.time_series_splits, n, n_splits, gap, differ=differ)


def test_splits_on_edge_cases(learner, ref):
    for n, n_splits, gap in EDGE_CASES:
        _check(learner, ref, n, n_splits, gap)


def test_splits_on_random_sizes(learner, ref):
    for rng in cc.random_cases(30, seed=61):
        n_splits = rng.randint(2, 6)
        n = rng.randint(n_splits + 1, n_splits + 4 + 5 * rng.case)
        test_size = n // (n_splits + 1)
        room = n - n_splits * test_size - 1  # the largest gap that leaves a training sample
        gap = rng.randint(0, min(room, 5))
        _check(learner, ref, n, n_splits, gap)


def test_gap_defaults_to_zero(learner, ref):
    for n, n_splits in [(10, 3), (7, 2), (30, 5)]:
        cc.compare(learner.time_series_splits, ref.time_series_splits, n, n_splits)


def test_rejects_impossible_splits(learner):
    fn = learner.time_series_splits
    cc.expect_raises(ValueError, fn, 0, 2, 0)
    cc.expect_raises(ValueError, fn, 10, 1, 0)
    cc.expect_raises(ValueError, fn, 10, 3, -1)
    cc.expect_raises(ValueError, fn, 3, 3, 0)
    cc.expect_raises(ValueError, fn, 10, 3, 4)
    cc.expect_raises(ValueError, fn, 10, 3, 8)


def test_rejects_numbers_that_are_not_integers(learner):
    fn = learner.time_series_splits
    cc.expect_raises(ValueError, fn, 10.0, 3, 0)
    cc.expect_raises(ValueError, fn, 10, 3.0, 0)
    cc.expect_raises(ValueError, fn, 10, 3, 1.0)
    cc.expect_raises(ValueError, fn, 10, 3, True)
