"""Checks log_softmax and cross_entropy_from_logits against the reference:
ordinary logits, huge and tiny logits (±1000, where a naive exp overflows or
underflows), ties, one class, and bad input."""

import math

import coursecheck as cc

LOGITS = [
    [0.0],
    [0.0, 0.0],
    [1.0, 2.0, 3.0],
    [3.0, 2.0, 1.0],
    [-1.0, 0.0, 1.0, 2.0],
    [1000.0, 0.0],  # exp(1000) overflows
    [1000.0, 1000.0, 999.0],
    [-1000.0, 0.0],
    [-1000.0, -1000.0, -1001.0],  # exp(-1000) underflows to 0
    [1000.0, -1000.0],
    [1e-300, -1e-300, 0.0],
    [50.0, -50.0, 0.0, 25.0],
]

# (logits, targets)
BATCHES = [
    ([[2.0, 0.0], [0.0, 2.0]], [0, 0]),
    ([[0.0, 0.0, 0.0]], [2]),
    ([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]], [2, 2]),
    ([[1000.0, 0.0], [0.0, 1000.0]], [1, 1]),  # confidently wrong at huge logits
    ([[1000.0, 0.0], [0.0, 1000.0]], [0, 1]),  # confidently right
    ([[-1000.0, -1000.0, -999.0]], [2]),
    ([[-1000.0, 1000.0], [5.0, 5.0], [0.0, -3.0]], [0, 1, 1]),
    ([[7.5]], [0]),
]


def test_log_softmax_of_equal_logits_is_minus_log_k(learner):
    got = cc.call(learner.log_softmax, [0.0, 0.0, 0.0, 0.0])
    want = [-math.log(4)] * 4
    cc.expect(cc.approx_equal(got, want),
              "four equal logits give four probabilities of 1/4, so every log-probability is -ln 4 ≈ -1.3863",
              expected=cc.show(want), actual=cc.show(got))


def test_log_softmax_survives_logits_of_plus_and_minus_1000(learner, ref):
    for z in ([1000.0, 0.0], [-1000.0, 0.0], [1000.0, -1000.0], [-1000.0, -1000.0, -1001.0]):
        cc.compare(learner.log_softmax, ref.log_softmax, z)


def test_log_softmax_matches_the_reference_on_edge_cases(learner, ref):
    for z in LOGITS:
        cc.compare(learner.log_softmax, ref.log_softmax, z)


def test_log_softmax_matches_the_reference_on_random_logits(learner, ref):
    for rng in cc.random_cases(25, seed=31):
        k = rng.randint(1, 2 + rng.case)
        scale = rng.choice([1.0, 10.0, 100.0, 1000.0])
        cc.compare(learner.log_softmax, ref.log_softmax, rng.floats(k, -scale, scale))


def test_cross_entropy_from_logits_matches_the_reference_on_edge_cases(learner, ref):
    for logits, targets in BATCHES:
        cc.compare(learner.cross_entropy_from_logits, ref.cross_entropy_from_logits, logits, targets)


def test_cross_entropy_from_logits_matches_the_reference_on_random_batches(learner, ref):
    for rng in cc.random_cases(25, seed=32):
        n = rng.randint(1, 2 + rng.case)
        k = rng.randint(2, 6)
        scale = rng.choice([1.0, 10.0, 1000.0])
        logits = [rng.floats(k, -scale, scale) for _ in range(n)]
        targets = [rng.randint(0, k - 1) for _ in range(n)]
        cc.compare(learner.cross_entropy_from_logits, ref.cross_entropy_from_logits, logits, targets)


def test_log_softmax_rejects_an_empty_list(learner):
    cc.expect_raises(ValueError, learner.log_softmax, [])


def test_cross_entropy_from_logits_rejects_an_empty_batch(learner):
    cc.expect_raises(ValueError, learner.cross_entropy_from_logits, [], [])


def test_cross_entropy_from_logits_rejects_rows_and_targets_of_different_lengths(learner):
    cc.expect_raises(ValueError, learner.cross_entropy_from_logits, [[1.0, 2.0], [0.0, 1.0]], [0])
    cc.expect_raises(ValueError, learner.cross_entropy_from_logits, [[1.0, 2.0]], [0, 1])


def test_cross_entropy_from_logits_rejects_targets_that_are_not_class_indices(learner):
    cc.expect_raises(ValueError, learner.cross_entropy_from_logits, [[1.0, 2.0]], [2])
    cc.expect_raises(ValueError, learner.cross_entropy_from_logits, [[1.0, 2.0]], [-1])
