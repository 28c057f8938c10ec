"""Checks expected_calibration_error against the rule the task states: probs
are probabilities of label 1 (not the confidence of the predicted class);
bin b = min(int(p * n_bins), n_bins - 1), so an edge value goes to the bin
above and p = 1.0 to the last bin; each non-empty bin's gap is weighted by its
share of the examples and empty bins count 0; n_bins defaults to 10; bad input
raises ValueError."""

import coursecheck as cc

# (probs, labels, n_bins)
EDGE_CASES = [
    ([0.2, 0.3, 0.8, 0.9], [0, 1, 1, 1], 2),
    ([0.5], [1], 1),
    ([0.0, 1.0], [0, 1], 10),  # perfectly calibrated and certain
    ([0.0, 1.0], [1, 0], 10),  # certain and wrong: ECE 1
    ([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0], [0, 0, 0, 1, 0, 1, 1, 1, 1, 1], 10),  # every value on an edge
    ([0.25, 0.5, 0.75], [0, 1, 1], 4),
    ([0.29, 0.3], [1, 0], 100),  # 0.29 * 100 = 28.999999999999996: bin 28
    ([0.7, 0.7, 0.7, 0.7], [1, 1, 1, 0], 10),  # calibrated: ECE 0 (up to rounding)
    ([0.05, 0.95, 0.5], [1, 0, 1], 3),
    ([0.999, 1.0, 0.001, 0.0], [1, 1, 0, 1], 7),
]


def test_expected_calibration_error_bins_the_probability_of_label_one(learner, ref):
    # 0.3 and 0.7 have the same confidence but sit in different bins.
    got = cc.call(learner.expected_calibration_error, [0.3, 0.7], [0, 0], 10)
    cc.expect(isinstance(got, float) and cc.approx_equal(got, 0.5),
              "probs are probabilities that the label is 1: 0.3 goes into bin 3 (gap 0.3) and 0.7 into bin 7 "
              "(gap 0.7), so ECE = 0.5 · 0.3 + 0.5 · 0.7 = 0.5; binning the confidence max(p, 1 - p) "
              "instead (the multi-class recipe) gives 0.2",
              expected="0.5", actual=cc.show(got))


def test_expected_calibration_error_puts_an_edge_value_in_the_bin_above(learner):
    got = cc.call(learner.expected_calibration_error, [0.4, 0.5], [0, 1], 2)
    cc.expect(cc.approx_equal(got, 0.45),
              "with 2 bins, 0.5 lies on the edge and goes to bin 1 (b / n_bins <= p < (b + 1) / n_bins): "
              "ECE = 0.5 · |0.4 - 0| + 0.5 · |0.5 - 1| = 0.45; putting 0.5 into bin 0 gives 0.05",
              expected="0.45", actual=cc.show(got))


def test_expected_calibration_error_puts_one_into_the_last_bin(learner):
    got = cc.call(learner.expected_calibration_error, [1.0, 0.95, 0.0], [1, 0, 0], 10)
    want = 2 / 3 * abs(0.975 - 0.5)
    cc.expect(cc.approx_equal(got, want),
              "p = 1.0 goes into the last bin (b = min(int(p * n_bins), n_bins - 1) = 9), together with 0.95",
              expected=repr(want), actual=cc.show(got))


def test_expected_calibration_error_uses_the_formula_not_the_edges(learner, ref):
    got = cc.call(learner.expected_calibration_error, [0.29, 0.28, 0.3], [1, 0, 0], 100)
    want = ref.expected_calibration_error([0.29, 0.28, 0.3], [1, 0, 0], 100)
    cc.expect(cc.approx_equal(got, want),
              "0.29 * 100 is 28.999999999999996 in floating point, so int() puts 0.29 into bin 28 with 0.28; "
              "comparing against the edge 29 / 100 puts it into bin 29",
              expected=repr(want), actual=cc.show(got))


def test_expected_calibration_error_weights_each_bin_by_its_share_of_the_examples(learner):
    # bin 0 holds three examples with gap 0.1, bin 9 one example with gap 0.95
    probs, labels = [0.1, 0.1, 0.1, 0.95], [0, 0, 1, 0]
    want = 3 / 4 * abs(0.1 - 1 / 3) + 1 / 4 * 0.95
    got = cc.call(learner.expected_calibration_error, probs, labels, 10)
    cc.expect(cc.approx_equal(got, want),
              "ECE weights each bin's gap |mean p - fraction of ones| by (examples in the bin) / (all examples), "
              "not equally and not by 1 / n_bins",
              expected=repr(want), actual=cc.show(got))


def test_expected_calibration_error_counts_empty_bins_as_zero(learner):
    got = cc.call(learner.expected_calibration_error, [0.25, 0.75], [0, 1], 100)
    cc.expect(cc.approx_equal(got, 0.25),
              "98 of the 100 bins are empty and add nothing; the two full bins each hold half the examples, "
              "gap 0.25 each: ECE = 0.25 (not divided by 100)",
              expected="0.25", actual=cc.show(got))


def test_expected_calibration_error_uses_ten_bins_by_default(learner, ref):
    # 0.1 and 0.19 share bin 1 of 10, but not of 9 or 11 bins.
    got = cc.call(learner.expected_calibration_error, [0.1, 0.19], [0, 1])
    cc.expect(cc.approx_equal(got, 0.355),
              "without n_bins there are 10 bins: 0.1 and 0.19 share bin 1 (mean 0.145, half are 1), ECE = 0.355",
              expected="0.355", actual=cc.show(got))
    probs, labels = [0.05, 0.14, 0.26, 0.55, 0.61, 0.88], [0, 1, 0, 1, 1, 0]
    cc.compare(learner.expected_calibration_error, ref.expected_calibration_error, probs, labels)


def test_expected_calibration_error_matches_the_reference_on_edge_cases(learner, ref):
    for probs, labels, n_bins in EDGE_CASES:
        cc.compare(learner.expected_calibration_error, ref.expected_calibration_error, probs, labels, n_bins)


def test_expected_calibration_error_matches_the_reference_on_random_inputs(learner, ref):
    for rng in cc.random_cases(25, seed=71):
        n = rng.randint(1, 5 + 8 * rng.case)
        probs = [round(rng.random(), rng.choice([1, 2, 3])) for _ in range(n)]
        labels = [int(rng.random() < p * 0.8 + 0.1) for p in probs]
        n_bins = rng.choice([1, 2, 3, 5, 10, 15, 20, 100])
        cc.compare(learner.expected_calibration_error, ref.expected_calibration_error, probs, labels, n_bins)


def test_expected_calibration_error_rejects_lists_of_different_lengths(learner):
    cc.expect_raises(ValueError, learner.expected_calibration_error, [0.5, 0.5], [1], 10)
    cc.expect_raises(ValueError, learner.expected_calibration_error, [0.5], [1, 0], 10)


def test_expected_calibration_error_rejects_empty_lists(learner):
    cc.expect_raises(ValueError, learner.expected_calibration_error, [], [], 10)


def test_expected_calibration_error_rejects_probabilities_outside_zero_one(learner):
    cc.expect_raises(ValueError, learner.expected_calibration_error, [0.5, 1.5], [1, 0], 10)
    cc.expect_raises(ValueError, learner.expected_calibration_error, [-0.1], [0], 10)


def test_expected_calibration_error_rejects_labels_other_than_zero_and_one(learner):
    cc.expect_raises(ValueError, learner.expected_calibration_error, [0.5], [2], 10)
    cc.expect_raises(ValueError, learner.expected_calibration_error, [0.5, 0.5], [0, 0.5], 10)
    cc.expect_raises(ValueError, learner.expected_calibration_error, [0.5], [-1], 10)


def test_expected_calibration_error_rejects_a_bin_count_that_is_not_a_positive_int(learner):
    cc.expect_raises(ValueError, learner.expected_calibration_error, [0.5], [1], 0)
    cc.expect_raises(ValueError, learner.expected_calibration_error, [0.5], [1], -3)
    cc.expect_raises(ValueError, learner.expected_calibration_error, [0.5], [1], 2.5)
    cc.expect_raises(ValueError, learner.expected_calibration_error, [0.5], [1], 10.0)
