"""Checks huber and huber_grad against the reference: both pieces of the
penalty, the seam at |r| = delta, huge and tiny residuals, bad input, and the
gradient against finite differences of the learner's own loss."""

import coursecheck as cc

# (y_true, y_pred, delta)
EDGE_CASES = [
    ([0.0], [0.0], 1.0),
    ([0.0], [0.5], 1.0),  # inside the band
    ([0.0], [-3.0], 1.0),  # outside, negative residual
    ([0.0], [1.0], 1.0),  # exactly on the seam
    ([2.0], [0.0], 1.0),
    ([0.0, 0.0], [0.5, 3.0], 1.0),
    ([1.0, 2.0, 3.0, 10.0], [3.0, 3.0, 3.0, 3.0], 1.0),
    ([1.0, 2.0, 3.0, 10.0], [3.0, 3.0, 3.0, 3.0], 2.5),
    ([0.0, 0.0, 0.0], [0.1, -0.2, 0.3], 0.05),  # every residual outside a small band
    ([0.0, 0.0, 0.0], [10.0, -20.0, 30.0], 100.0),  # every residual inside a wide band
    ([1e-300, 0.0], [0.0, 1e-300], 1.0),  # tiny residuals
    ([0.0, 1e200], [1e200, 0.0], 1.0),  # huge residuals: linear, no overflow
]


def test_huber_of_a_perfect_prediction_is_zero(learner):
    got = cc.call(learner.huber, [1.0, -2.0, 3.5], [1.0, -2.0, 3.5])
    cc.expect(cc.approx_equal(got, 0.0), "the Huber loss of a perfect prediction should be 0",
              expected="0.0", actual=cc.show(got))


def test_huber_uses_half_r_squared_inside_the_band(learner):
    got = cc.call(learner.huber, [0.0], [0.5], 1.0)
    cc.expect(cc.approx_equal(got, 0.125),
              "inside |r| <= delta the penalty is 0.5 * r**2 (PyTorch's convention): r = 0.5 gives 0.125",
              expected="0.125", actual=cc.show(got))


def test_huber_is_continuous_where_the_pieces_meet(learner):
    for delta in (0.5, 1.0, 3.0):
        inside = cc.call(learner.huber, [0.0], [delta * (1 - 1e-9)], delta)
        outside = cc.call(learner.huber, [0.0], [delta * (1 + 1e-9)], delta)
        cc.expect(abs(inside - outside) <= 1e-6 * delta * delta,
                  f"with delta={delta}, the loss jumps from {inside!r} just inside |r| = delta "
                  f"to {outside!r} just outside; both pieces should equal 0.5 * delta**2 = {0.5 * delta * delta!r} there",
                  input=f"huber([0.0], [{delta} * (1 ± 1e-9)], {delta})",
                  expected=f"≈ {0.5 * delta * delta!r} on both sides", actual=f"{inside!r} and {outside!r}")


def test_huber_matches_the_reference_on_edge_cases(learner, ref):
    for y_true, y_pred, delta in EDGE_CASES:
        cc.compare(learner.huber, ref.huber, y_true, y_pred, delta)


def test_huber_uses_delta_one_by_default(learner, ref):
    cc.compare(learner.huber, ref.huber, [0.0, 0.0, 0.0], [0.3, -2.0, 4.0])


def test_huber_grad_uses_delta_one_by_default(learner, ref):
    cc.compare(learner.huber_grad, ref.huber_grad, [0.0, 0.0, 0.0], [0.3, -2.0, 4.0])


def test_huber_matches_the_reference_on_random_lists(learner, ref):
    for rng in cc.random_cases(25, seed=11):
        n = rng.randint(1, 2 + 2 * rng.case)
        delta = rng.choice([0.1, 0.5, 1.0, 1.35, 2.0, 5.0])
        cc.compare(learner.huber, ref.huber, rng.floats(n), rng.floats(n), delta)


def test_huber_grad_matches_the_reference_on_edge_cases(learner, ref):
    for y_true, y_pred, delta in EDGE_CASES:
        cc.compare(learner.huber_grad, ref.huber_grad, y_true, y_pred, delta)


def test_huber_grad_matches_the_reference_on_random_lists(learner, ref):
    for rng in cc.random_cases(25, seed=12):
        n = rng.randint(1, 2 + 2 * rng.case)
        delta = rng.choice([0.1, 0.5, 1.0, 1.35, 2.0, 5.0])
        cc.compare(learner.huber_grad, ref.huber_grad, rng.floats(n), rng.floats(n), delta)


def test_huber_grad_agrees_with_finite_differences_of_huber(learner):
    for rng in cc.random_cases(20, seed=13):
        n = rng.randint(1, 6)
        delta = rng.choice([0.5, 1.0, 2.0])
        y_true = rng.floats(n, -3, 3)
        # keep each residual away from the seam, where a difference quotient straddles two pieces
        y_pred = []
        for t in y_true:
            r = rng.uniform(-4, 4)
            while abs(abs(r) - delta) < 0.01:
                r = rng.uniform(-4, 4)
            y_pred.append(round(t + r, 6))
        cc.check_gradient(lambda p: learner.huber(y_true, p, delta),
                          lambda p: learner.huber_grad(y_true, p, delta), y_pred, eps=1e-6)


def test_huber_and_huber_grad_reject_lists_of_different_lengths(learner):
    for fn in (learner.huber, learner.huber_grad):
        cc.expect_raises(ValueError, fn, [1.0, 2.0], [1.0])
        cc.expect_raises(ValueError, fn, [1.0], [1.0, 2.0, 3.0])


def test_huber_and_huber_grad_reject_empty_lists(learner):
    for fn in (learner.huber, learner.huber_grad):
        cc.expect_raises(ValueError, fn, [], [])


def test_huber_and_huber_grad_reject_a_delta_that_is_not_positive(learner):
    for fn in (learner.huber, learner.huber_grad):
        cc.expect_raises(ValueError, fn, [0.0], [1.0], 0.0)
        cc.expect_raises(ValueError, fn, [0.0], [1.0], -1.0)
