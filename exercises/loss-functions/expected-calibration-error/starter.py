"""Expected calibration error (ECE) of binary predictions.

probs[i] is the predicted probability that labels[i] is 1. Split [0, 1] into
n_bins bins of equal width: bin b holds the probabilities with
b / n_bins <= p < (b + 1) / n_bins, so a probability on an edge goes to the
bin above it, and p = 1.0 goes into the last bin. In code:

    b = min(int(p * n_bins), n_bins - 1)

ECE = sum over the non-empty bins of

    (examples in the bin / all examples) * |mean prob in the bin - fraction of ones in the bin|

Empty bins contribute 0. n_bins defaults to 10.

    expected_calibration_error([0.2, 0.3, 0.8, 0.9], [0, 1, 1, 1], 2)  ->  0.2
    (bin 0: mean 0.25, half are 1, gap 0.25; bin 1: mean 0.85, all are 1,
    gap 0.15; each bin holds half the examples: 0.5 * 0.25 + 0.5 * 0.15;
    floating point prints 0.19999999999999996)

The formula, computed in floating point as written, is the rule: comparing p
against edges b / n_bins can disagree in the last bit (0.29 * 100 is
28.999999999999996, so p = 0.29 goes into bin 28 of 100).

Raise ValueError when the lists differ in length or are empty, when a
probability is outside [0, 1], when a label is not 0 or 1, or when n_bins is
not an int of at least 1.
"""


def expected_calibration_error(probs, labels, n_bins=10):
    """ECE of probs against 0/1 labels, with n_bins equal-width bins."""
    raise NotImplementedError("expected_calibration_error is not written yet")
