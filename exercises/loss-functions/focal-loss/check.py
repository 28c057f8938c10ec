"""Checks weighted_cross_entropy and focal_loss against the reference:
equal and unequal class weights, gamma = 0 (plain cross-entropy), alpha,
confident right and wrong rows at logits of ±1000, and bad input."""

import math

import coursecheck as cc

# (logits, targets)
BATCHES = [
    ([[2.0, 0.0], [2.0, 0.0]], [0, 1]),
    ([[0.0, 0.0, 0.0]], [1]),
    ([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0], [0.5, 0.5, 4.0]], [2, 2, 0]),
    ([[1000.0, 0.0], [0.0, 1000.0]], [0, 0]),  # one easy, one confidently wrong, at huge logits
    ([[-1000.0, 1000.0, 0.0]], [1]),
    ([[-1000.0, -1000.0, -999.0], [5.0, -5.0, 0.0]], [0, 1]),
    ([[40.0, 0.0]], [0]),  # p_t within 1e-17 of 1
    ([[7.0]], [0]),  # one class
    ([[1e-300, -1e-300, 0.0]], [2]),  # tiny logits: three nearly equal classes
]
CLASS_WEIGHTS = {1: [2.5], 2: [1.0, 3.0], 3: [0.2, 1.0, 5.0]}


def _plain_ce(logits, targets):
    total = 0.0
    for row, t in zip(logits, targets):
        m = max(row)
        total += m + math.log(sum(math.exp(v - m) for v in row)) - row[t]
    return total / len(logits)


def test_focal_loss_with_gamma_zero_is_cross_entropy(learner):
    logits, targets = [[2.0, 0.0], [2.0, 0.0]], [0, 1]
    got = cc.call(learner.focal_loss, logits, targets, 0.0)
    want = _plain_ce(logits, targets)
    cc.expect(cc.approx_equal(got, want, rtol=1e-9),
              "with gamma = 0 and no alpha, (1 - p_t)**0 = 1, so the focal loss must equal the mean cross-entropy",
              expected=repr(want), actual=cc.show(got))


def test_focal_loss_shrinks_the_loss_of_easy_examples_most(learner):
    easy = cc.call(learner.focal_loss, [[3.0, 0.0]], [0], 2.0) / _plain_ce([[3.0, 0.0]], [0])
    hard = cc.call(learner.focal_loss, [[0.0, 3.0]], [0], 2.0) / _plain_ce([[0.0, 3.0]], [0])
    cc.expect(easy < hard,
              f"with gamma = 2 an easy row (p_t ≈ 0.95) should keep a smaller fraction of its cross-entropy "
              f"than a hard one (p_t ≈ 0.05); got fractions {easy:.4g} (easy) and {hard:.4g} (hard). "
              "The factor is (1 - p_t)**gamma, not p_t**gamma",
              input="focal_loss([[3.0, 0.0]], [0], 2.0) and focal_loss([[0.0, 3.0]], [0], 2.0)",
              expected="easy fraction ≈ 0.0023, hard fraction ≈ 0.905", actual=f"{easy:.4g}, {hard:.4g}")


def test_weighted_cross_entropy_with_equal_weights_is_cross_entropy(learner, ref):
    for logits, targets in BATCHES:
        k = len(logits[0])
        cc.compare(learner.weighted_cross_entropy, ref.weighted_cross_entropy, logits, targets, [4.0] * k)


def test_weighted_cross_entropy_divides_by_the_sum_of_the_weights_used(learner, ref):
    cc.compare(learner.weighted_cross_entropy, ref.weighted_cross_entropy,
               [[2.0, 0.0], [2.0, 0.0]], [0, 1], [1.0, 3.0])
    cc.compare(learner.weighted_cross_entropy, ref.weighted_cross_entropy,
               [[2.0, 0.0], [2.0, 0.0], [1.0, 1.0]], [0, 1, 1], [10.0, 30.0])


def test_weighted_cross_entropy_matches_the_reference_on_edge_cases(learner, ref):
    for logits, targets in BATCHES:
        weights = CLASS_WEIGHTS[len(logits[0])]
        cc.compare(learner.weighted_cross_entropy, ref.weighted_cross_entropy, logits, targets, weights)


def test_weighted_cross_entropy_matches_the_reference_on_random_batches(learner, ref):
    for rng in cc.random_cases(25, seed=41):
        n, k = rng.randint(1, 2 + rng.case), rng.randint(2, 5)
        scale = rng.choice([1.0, 10.0, 1000.0])
        logits = [rng.floats(k, -scale, scale) for _ in range(n)]
        targets = [rng.randint(0, k - 1) for _ in range(n)]
        weights = [round(rng.uniform(0.1, 10.0), 3) for _ in range(k)]
        cc.compare(learner.weighted_cross_entropy, ref.weighted_cross_entropy, logits, targets, weights)


def test_focal_loss_matches_the_reference_on_edge_cases(learner, ref):
    for logits, targets in BATCHES:
        for gamma in (0.0, 0.5, 2.0, 5.0):
            cc.compare(learner.focal_loss, ref.focal_loss, logits, targets, gamma, rtol=1e-7)


def test_both_accept_a_weight_of_zero(learner, ref):
    # A zero weight is legal (the class is ignored); only negative ones are errors.
    logits, targets = [[2.0, 0.0, -1.0], [0.5, 1.5, 0.0], [1.0, 1.0, 3.0]], [0, 1, 2]
    cc.compare(learner.weighted_cross_entropy, ref.weighted_cross_entropy, logits, targets, [1.0, 0.0, 2.0], rtol=1e-7)
    cc.compare(learner.focal_loss, ref.focal_loss, logits, targets, 2.0, [0.0, 0.5, 1.0], rtol=1e-7)


def test_focal_loss_uses_gamma_two_by_default(learner, ref):
    cc.compare(learner.focal_loss, ref.focal_loss, [[2.0, 0.0], [2.0, 0.0]], [0, 1], rtol=1e-7)


def test_focal_loss_applies_alpha_by_true_class(learner, ref):
    for logits, targets in BATCHES:
        alpha = CLASS_WEIGHTS[len(logits[0])]
        cc.compare(learner.focal_loss, ref.focal_loss, logits, targets, 2.0, alpha, rtol=1e-7)


def test_focal_loss_matches_the_reference_on_random_batches(learner, ref):
    for rng in cc.random_cases(25, seed=42):
        n, k = rng.randint(1, 2 + rng.case), rng.randint(2, 5)
        scale = rng.choice([1.0, 10.0, 1000.0])
        logits = [rng.floats(k, -scale, scale) for _ in range(n)]
        targets = [rng.randint(0, k - 1) for _ in range(n)]
        gamma = rng.choice([0.0, 0.5, 1.0, 2.0, 3.0])
        alpha = None if rng.random() < 0.5 else [round(rng.uniform(0.1, 1.0), 3) for _ in range(k)]
        cc.compare(learner.focal_loss, ref.focal_loss, logits, targets, gamma, alpha, rtol=1e-7)


def test_both_reject_an_empty_batch(learner):
    cc.expect_raises(ValueError, learner.weighted_cross_entropy, [], [], [1.0, 1.0])
    cc.expect_raises(ValueError, learner.focal_loss, [], [])


def test_both_reject_rows_and_targets_of_different_lengths(learner):
    cc.expect_raises(ValueError, learner.weighted_cross_entropy, [[1.0, 2.0], [0.0, 1.0]], [0], [1.0, 1.0])
    cc.expect_raises(ValueError, learner.focal_loss, [[1.0, 2.0]], [0, 1])


def test_both_reject_targets_that_are_not_class_indices(learner):
    cc.expect_raises(ValueError, learner.weighted_cross_entropy, [[1.0, 2.0]], [2], [1.0, 1.0])
    cc.expect_raises(ValueError, learner.weighted_cross_entropy, [[1.0, 2.0]], [-1], [1.0, 1.0])
    cc.expect_raises(ValueError, learner.focal_loss, [[1.0, 2.0]], [-1])


def test_weighted_cross_entropy_rejects_bad_weights(learner):
    cc.expect_raises(ValueError, learner.weighted_cross_entropy, [[1.0, 2.0]], [0], [1.0, 1.0, 1.0])
    cc.expect_raises(ValueError, learner.weighted_cross_entropy, [[1.0, 2.0]], [0], [1.0, -1.0])
    cc.expect_raises(ValueError, learner.weighted_cross_entropy, [[1.0, 2.0], [3.0, 0.0]], [0, 0], [0.0, 1.0])


def test_focal_loss_rejects_a_negative_gamma_and_bad_alpha(learner):
    cc.expect_raises(ValueError, learner.focal_loss, [[1.0, 2.0]], [0], -1.0)
    cc.expect_raises(ValueError, learner.focal_loss, [[1.0, 2.0]], [0], 2.0, [1.0])
    cc.expect_raises(ValueError, learner.focal_loss, [[1.0, 2.0]], [0], 2.0, [1.0, -0.5])
