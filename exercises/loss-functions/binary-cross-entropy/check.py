"""Checks binary_cross_entropy against the reference: confident right and
wrong predictions, probabilities of exactly 0 and 1, tiny probabilities, soft
labels, custom eps, and bad input."""

import math

import coursecheck as cc

# (y_true, p_pred)
EDGE_CASES = [
    ([1], [0.5]),
    ([0], [0.5]),
    ([1, 0], [0.9, 0.2]),
    ([1, 1, 0, 0], [0.99, 0.6, 0.4, 0.01]),
    ([1], [0.0]),  # certain and wrong: log(0) without clipping
    ([0], [1.0]),  # certain and wrong, the other side
    ([1], [1.0]),  # certain and right: the loss is nearly 0, not exactly
    ([0], [0.0]),
    ([1, 0, 1, 0], [0.0, 1.0, 1.0, 0.0]),
    ([1], [1e-300]),  # tiny: clipped to eps
    ([0], [1 - 1e-12]),  # within eps of 1: clipped to 1 - eps
    ([0.3], [0.3]),  # a soft label
    ([0.0, 1.0, 0.5], [0.2, 0.7, 0.5]),
]


def test_binary_cross_entropy_uses_the_natural_log(learner):
    got = cc.call(learner.binary_cross_entropy, [1], [0.5])
    cc.expect(cc.approx_equal(got, math.log(2)),
              "a prediction of 0.5 for a positive example costs -ln(0.5) = ln 2 ≈ 0.6931 (natural log, positive loss)",
              expected=repr(math.log(2)), actual=cc.show(got))


def test_binary_cross_entropy_survives_probabilities_of_zero_and_one(learner):
    got = cc.call(learner.binary_cross_entropy, [1, 0], [0.0, 1.0])
    want = -math.log(1e-7)
    cc.expect(isinstance(got, (int, float)) and cc.approx_equal(got, want, rtol=1e-6),
              "a certain, wrong prediction should cost -ln(eps) ≈ 16.118 after clipping p into [eps, 1 - eps], "
              "not crash or return inf",
              expected=repr(want), actual=cc.show(got))


def test_binary_cross_entropy_matches_the_reference_on_edge_cases(learner, ref):
    for y_true, p_pred in EDGE_CASES:
        cc.compare(learner.binary_cross_entropy, ref.binary_cross_entropy, y_true, p_pred, rtol=1e-7)


def test_binary_cross_entropy_clips_with_the_eps_it_is_given(learner, ref):
    for eps in (1e-3, 1e-12, 0.25):
        cc.compare(learner.binary_cross_entropy, ref.binary_cross_entropy, [1, 0, 1], [0.0, 1.0, 0.6], eps, rtol=1e-7)


def test_binary_cross_entropy_matches_the_reference_on_random_inputs(learner, ref):
    for rng in cc.random_cases(25, seed=21):
        n = rng.randint(1, 2 + 2 * rng.case)
        y = [rng.randint(0, 1) for _ in range(n)]
        p = [round(rng.random(), 4) for _ in range(n)]
        cc.compare(learner.binary_cross_entropy, ref.binary_cross_entropy, y, p, rtol=1e-7)


def test_binary_cross_entropy_matches_the_reference_on_random_extreme_probabilities(learner, ref):
    for rng in cc.random_cases(20, seed=22):
        n = rng.randint(1, 8)
        y = [rng.randint(0, 1) for _ in range(n)]
        p = [rng.choice([0.0, 1.0, 10 ** -rng.randint(5, 300), 1 - 10 ** -rng.randint(5, 15)]) for _ in range(n)]
        cc.compare(learner.binary_cross_entropy, ref.binary_cross_entropy, y, p, rtol=1e-7)


def test_binary_cross_entropy_rejects_lists_of_different_lengths(learner):
    cc.expect_raises(ValueError, learner.binary_cross_entropy, [1, 0], [0.5])
    cc.expect_raises(ValueError, learner.binary_cross_entropy, [1], [0.5, 0.5])


def test_binary_cross_entropy_rejects_empty_lists(learner):
    cc.expect_raises(ValueError, learner.binary_cross_entropy, [], [])


def test_binary_cross_entropy_rejects_values_outside_zero_one(learner):
    cc.expect_raises(ValueError, learner.binary_cross_entropy, [1], [1.5])
    cc.expect_raises(ValueError, learner.binary_cross_entropy, [0], [-0.1])
    cc.expect_raises(ValueError, learner.binary_cross_entropy, [2], [0.5])
    cc.expect_raises(ValueError, learner.binary_cross_entropy, [-0.5], [0.5])


def test_binary_cross_entropy_rejects_an_eps_outside_zero_to_one_half(learner):
    cc.expect_raises(ValueError, learner.binary_cross_entropy, [1], [0.5], 0.0)
    cc.expect_raises(ValueError, learner.binary_cross_entropy, [1], [0.5], 0.5)
