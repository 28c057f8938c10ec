"""Checks best_threshold against the rule the task states: a threshold t
predicts positive when score >= t; its cost is cost_fp * FP + cost_fn * FN;
the candidates are the distinct scores plus math.inf; the cheapest wins and
ties go to the largest threshold; scores may be any numbers; bad input raises
ValueError."""

import math

import coursecheck as cc

# (scores, labels, cost_fp, cost_fn)
EDGE_CASES = [
    ([0.1, 0.4, 0.6, 0.9], [0, 1, 0, 1], 1, 1),
    ([0.1, 0.4, 0.6, 0.9], [0, 1, 0, 1], 1, 5),
    ([0.1, 0.4, 0.6, 0.9], [0, 1, 0, 1], 5, 1),
    ([0.8, 0.9], [1, 0], 10, 1),
    ([0.5], [1], 1, 1),
    ([0.5], [0], 1, 1),
    ([0.5, 0.5, 0.5], [0, 1, 1], 1, 1),
    ([0.5, 0.5, 0.5], [0, 0, 1], 1, 1),
    ([-2.0, -0.5, 0.0, 1.5, 3.0], [0, 0, 1, 0, 1], 2, 3),  # logits, not probabilities
    ([3, 1, 2], [1, 0, 1], 1, 1),  # unsorted ints
    ([0.2, 0.2, 0.7, 0.7], [1, 0, 1, 0], 1, 1),  # every candidate ties
    ([0.9, 0.8, 0.3, 0.2], [0, 0, 1, 1], 1, 1),  # the score is upside down
    ([0.3, 0.6], [1, 1], 0.5, 0.25),
]


def _expect_threshold(learner, scores, labels, cost_fp, cost_fn, want, why):
    got = cc.call(learner.best_threshold, scores, labels, cost_fp, cost_fn)
    cc.expect(got == want, f"best_threshold({scores}, {labels}, {cost_fp}, {cost_fn}): {why}",
              expected=repr(want), actual=cc.show(got))


def test_best_threshold_predicts_positive_when_the_score_reaches_the_threshold(learner):
    _expect_threshold(learner, [0.2, 0.6, 0.9], [0, 1, 1], 1, 1, 0.6,
                      "t = 0.6 predicts positive for 0.6 and 0.9 (score >= t) and costs 0; "
                      "with score > t, 0.6 would be a false negative")


def test_best_threshold_weighs_false_positives_and_false_negatives_by_their_costs(learner):
    _expect_threshold(learner, [0.1, 0.4, 0.6, 0.9], [0, 1, 0, 1], 1, 5, 0.4,
                      "a false negative costs 5, so t = 0.4 (one false positive, cost 1) beats "
                      "t = 0.9 (one false negative, cost 5)")
    _expect_threshold(learner, [0.1, 0.4, 0.6, 0.9], [0, 1, 0, 1], 5, 1, 0.9,
                      "a false positive costs 5, so t = 0.9 (one false negative, cost 1) beats "
                      "t = 0.4 (one false positive, cost 5)")
    _expect_threshold(learner, [0.2, 0.5, 0.55, 0.8], [0, 0, 1, 1], 3, 1, 0.55,
                      "a perfect split costs 0 whatever the costs are")


def test_best_threshold_picks_one_of_the_scores(learner):
    _expect_threshold(learner, [0.13, 0.37, 0.61, 0.88], [0, 0, 1, 1], 1, 1, 0.61,
                      "the candidates are the scores themselves: 0.61, not a midpoint like 0.49 and not "
                      "a grid value like 0.38")


def test_best_threshold_can_predict_nothing_positive(learner):
    _expect_threshold(learner, [0.8, 0.9], [1, 0], 10, 1, math.inf,
                      "math.inf is a candidate (nothing predicted positive, one false negative, cost 1); "
                      "every score as threshold lets the negative 0.9 through at a cost of 10")
    _expect_threshold(learner, [0.3, 0.7], [0, 0], 1, 1, math.inf,
                      "with no positives at all, predicting nothing positive costs 0")


def test_best_threshold_breaks_ties_towards_the_largest_threshold(learner):
    _expect_threshold(learner, [0.1, 0.4, 0.6, 0.9], [0, 1, 0, 1], 1, 1, 0.9,
                      "t = 0.4 and t = 0.9 both cost 1; ties go to the largest threshold")
    _expect_threshold(learner, [0.2, 0.2, 0.7, 0.7], [1, 0, 1, 0], 1, 1, math.inf,
                      "0.2, 0.7 and inf all cost 2; ties go to the largest, inf")


def test_best_threshold_works_on_scores_that_are_not_probabilities(learner, ref):
    for rng in cc.random_cases(20, seed=81):
        n = rng.randint(1, 4 + 3 * rng.case)
        scores = [round(rng.uniform(-6, 6), 1) for _ in range(n)]
        labels = [int(rng.random() < 1 / (1 + math.exp(-s))) for s in scores]
        cc.compare(learner.best_threshold, ref.best_threshold, scores, labels,
                   rng.choice([1, 2, 5]), rng.choice([1, 3, 10]))


def test_best_threshold_matches_the_reference_on_edge_cases(learner, ref):
    for scores, labels, cost_fp, cost_fn in EDGE_CASES:
        cc.compare(learner.best_threshold, ref.best_threshold, scores, labels, cost_fp, cost_fn)


def test_best_threshold_matches_the_reference_on_random_inputs(learner, ref):
    for rng in cc.random_cases(25, seed=82):
        n = rng.randint(1, 5 + 6 * rng.case)
        scores = [round(rng.random(), rng.choice([1, 2])) for _ in range(n)]
        labels = [int(rng.random() < s) for s in scores]
        cost_fp = rng.choice([1, 2, 0.5, 10])
        cost_fn = rng.choice([1, 4, 0.25, 20])
        cc.compare(learner.best_threshold, ref.best_threshold, scores, labels, cost_fp, cost_fn)


def test_best_threshold_rejects_lists_of_different_lengths(learner):
    cc.expect_raises(ValueError, learner.best_threshold, [0.5, 0.6], [1], 1, 1)
    cc.expect_raises(ValueError, learner.best_threshold, [0.5], [1, 0], 1, 1)


def test_best_threshold_rejects_empty_lists(learner):
    cc.expect_raises(ValueError, learner.best_threshold, [], [], 1, 1)


def test_best_threshold_rejects_labels_other_than_zero_and_one(learner):
    cc.expect_raises(ValueError, learner.best_threshold, [0.5, 0.6], [1, 2], 1, 1)
    cc.expect_raises(ValueError, learner.best_threshold, [0.5], [-1], 1, 1)
    cc.expect_raises(ValueError, learner.best_threshold, [0.5], [0.5], 1, 1)


def test_best_threshold_rejects_costs_that_are_not_positive(learner):
    cc.expect_raises(ValueError, learner.best_threshold, [0.5], [1], 0, 1)
    cc.expect_raises(ValueError, learner.best_threshold, [0.5], [1], 1, 0)
    cc.expect_raises(ValueError, learner.best_threshold, [0.5], [1], -1, 1)
    cc.expect_raises(ValueError, learner.best_threshold, [0.5], [1], 1, -2)
