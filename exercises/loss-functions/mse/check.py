"""Checks mse and mae against the reference on edge cases and random lists."""

import coursecheck as cc

EDGE_CASES = [
    ([0.0], [0.0]),
    ([1.0], [3.0]),
    ([3.0], [1.0]),
    ([1, 2, 3], [1, 2, 3]),
    ([1, 2, 3], [1, 2, 5]),
    ([-1.5, 2.5], [2.5, -1.5]),
    ([0.1, 0.2, 0.3], [0.3, 0.2, 0.1]),
    ([1e8, -1e8], [-1e8, 1e8]),
    ([1e150, -1e150], [-1e150, 1e150]),  # huge: the squares are near 1e301, still finite
    ([1e-160, 0.0], [0.0, 1e-160]),  # tiny: the squares are subnormal
    ([5.0] * 7, [5.0] * 6 + [12.0]),
]


def test_mse_of_identical_lists_is_zero(learner):
    got = cc.call(learner.mse, [1.0, -2.0, 3.5], [1.0, -2.0, 3.5])
    cc.expect(cc.approx_equal(got, 0.0), "the MSE of a perfect prediction should be 0",
              expected="0.0", actual=cc.show(got))


def test_mse_matches_the_reference_on_edge_cases(learner, ref):
    for y_true, y_pred in EDGE_CASES:
        cc.compare(learner.mse, ref.mse, y_true, y_pred)


def test_mse_matches_the_reference_on_random_lists(learner, ref):
    for rng in cc.random_cases(25, seed=1):
        n = rng.randint(1, 2 + 2 * rng.case)
        cc.compare(learner.mse, ref.mse, rng.floats(n), rng.floats(n))


def test_mae_matches_the_reference_on_edge_cases(learner, ref):
    for y_true, y_pred in EDGE_CASES:
        cc.compare(learner.mae, ref.mae, y_true, y_pred)


def test_mae_matches_the_reference_on_random_lists(learner, ref):
    for rng in cc.random_cases(25, seed=2):
        n = rng.randint(1, 2 + 2 * rng.case)
        cc.compare(learner.mae, ref.mae, rng.floats(n, -100, 100), rng.floats(n, -100, 100))


def test_mse_and_mae_reject_lists_of_different_lengths(learner):
    for fn in (learner.mse, learner.mae):
        cc.expect_raises(ValueError, fn, [1.0, 2.0], [1.0])
        cc.expect_raises(ValueError, fn, [1.0], [1.0, 2.0, 3.0])


def test_mse_and_mae_reject_empty_lists(learner):
    for fn in (learner.mse, learner.mae):
        cc.expect_raises(ValueError, fn, [], [])
