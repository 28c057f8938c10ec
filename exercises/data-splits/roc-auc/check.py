"""Checks roc_auc against the reference: the examples, ties between and within
the classes, perfect and reversed rankings, random scores with many ties, a
large input, and the ValueErrors for bad labels, lengths and a single class."""

import coursecheck as cc


def _expect_auc(learner, scores, labels, want, why):
    got = cc.call(learner.roc_auc, scores, labels)
    cc.expect(isinstance(got, (int, float)) and cc.approx_equal(got, want),
              f"roc_auc returned {cc.show(got)}, want {want!r}: {why}",
              expected=repr(want), actual=cc.show(got))


def test_matches_the_examples(learner):
    _expect_auc(learner, [0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], 0.75,
                "3 of the 4 positive-negative pairs are ordered correctly (0.35 < 0.4 is the one that is not)")
    _expect_auc(learner, [0.5, 0.5, 0.2], [1, 0, 0], 0.75,
                "the positive beats 0.2 (1) and ties the other 0.5 (1/2): (1 + 1/2) / 2")


def test_counts_a_tie_between_a_positive_and_a_negative_as_one_half(learner):
    _expect_auc(learner, [0.5, 0.5], [1, 0], 0.5, "the only pair is a tie, which counts one half")
    _expect_auc(learner, [0.5, 0.5], [0, 1], 0.5, "the only pair is a tie, whichever comes first in the list")
    _expect_auc(learner, [3, 3, 3, 3, 3], [1, 0, 1, 0, 0], 0.5, "every pair is tied, so every pair counts one half")


def test_gives_tied_scores_their_average_rank_whatever_their_order(learner):
    # Sorting puts tied scores in some order; only average ranks make the
    # answer independent of that order.
    _expect_auc(learner, [2, 1, 2, 2, 0], [0, 1, 1, 0, 0], 0.5,
                "the positive at 2 beats 0 and ties the two negatives at 2 (1 + 1/2 + 1/2 = 2 of 3); the positive at 1 "
                "beats only 0 (1 of 3): (2 + 1) / 6")
    _expect_auc(learner, [2, 2, 1, 2, 0], [1, 0, 1, 0, 0], 0.5, "the same scores in another order")


def test_ranks_a_perfect_ordering_1_and_a_reversed_one_0(learner):
    _expect_auc(learner, [0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1], 1.0, "every positive scores above every negative")
    _expect_auc(learner, [0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1], 0.0,
                "every positive scores below every negative: the scores rank the classes backwards (higher means positive)")


def test_matches_the_reference_on_edge_cases(learner, ref):
    cases = [
        ([1.0, 0.0], [1, 0]),
        ([0.0, 1.0], [1, 0]),
        ([-5, -1, -3, 7], [1, 0, 0, 1]),
        ([1e-300, 0.0, -1e-300], [1, 1, 0]),
        ([1, 2, 3, 4, 5, 6], [1, 1, 1, 1, 1, 0]),
        ([0.2, 0.2, 0.2, 0.9], [0, 0, 0, 1]),
        ([4, 4, 1, 1, 4, 1], [1, 1, 1, 0, 0, 0]),
    ]
    for scores, labels in cases:
        cc.compare(learner.roc_auc, ref.roc_auc, scores, labels)


def test_matches_the_reference_on_random_scores(learner, ref):
    for rng in cc.random_cases(30, seed=6):
        n = rng.randint(2, 4 + 3 * rng.case)
        labels = [rng.randint(0, 1) for _ in range(n)]
        labels[rng.randrange(n)] = 0
        labels[rng.randrange(n)] = 1
        if labels.count(1) == 0 or labels.count(0) == 0:
            labels = [0, 1] + labels[2:]
        if rng.case % 2:
            scores = [rng.randint(0, 4) for _ in range(n)]  # many ties
        else:
            scores = rng.floats(n, -3.0, 3.0, digits=2)
        cc.compare(learner.roc_auc, ref.roc_auc, scores, labels)


def test_handles_twenty_thousand_scores_in_time(learner, ref):
    rng = cc.Rand(20000)
    labels = [1 if i % 3 == 0 else 0 for i in range(20000)]
    scores = [round(rng.gauss(0.6 if y else 0.0, 1.0), 2) for y in labels]
    cc.compare(learner.roc_auc, ref.roc_auc, scores, labels)


def test_rejects_lists_of_different_lengths(learner):
    cc.expect_raises(ValueError, learner.roc_auc, [0.1, 0.9, 0.5], [0, 1])
    cc.expect_raises(ValueError, learner.roc_auc, [0.1, 0.9], [0, 1, 1])


def test_rejects_labels_other_than_0_and_1(learner):
    cc.expect_raises(ValueError, learner.roc_auc, [0.1, 0.9, 0.5], [0, 1, 2])
    cc.expect_raises(ValueError, learner.roc_auc, [0.1, 0.9, 0.5], [-1, 1, 0])
    cc.expect_raises(ValueError, learner.roc_auc, [0.1, 0.9], [0, 0.5])
    cc.expect_raises(ValueError, learner.roc_auc, [0.1, 0.9], ["0", "1"])


def test_rejects_labels_of_a_single_class(learner):
    cc.expect_raises(ValueError, learner.roc_auc, [0.1, 0.9, 0.5], [1, 1, 1])
    cc.expect_raises(ValueError, learner.roc_auc, [0.1, 0.9], [0, 0])
    cc.expect_raises(ValueError, learner.roc_auc, [], [])
