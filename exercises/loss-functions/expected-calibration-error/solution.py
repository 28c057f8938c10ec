"""Expected calibration error (reference solution).

Bin b = min(int(p * n_bins), n_bins - 1) of n_bins equal-width bins; ECE is
the count-weighted mean, over the non-empty bins, of |mean p - fraction of
ones|.
"""


def expected_calibration_error(probs, labels, n_bins=10):
    """ECE of probs against 0/1 labels, with n_bins equal-width bins."""
    if len(probs) != len(labels):
        raise ValueError(f"probs has {len(probs)} values but labels has {len(labels)}")
    if not probs:
        raise ValueError("the ECE of no examples is undefined")
    if not isinstance(n_bins, int) or n_bins < 1:
        raise ValueError(f"n_bins must be an int of at least 1, got {n_bins!r}")
    count = [0] * n_bins
    sum_p = [0.0] * n_bins
    ones = [0] * n_bins
    for i, (p, y) in enumerate(zip(probs, labels)):
        if not 0 <= p <= 1:
            raise ValueError(f"probs[{i}] = {p!r} is not a probability")
        if y not in (0, 1):
            raise ValueError(f"labels[{i}] = {y!r} is not 0 or 1")
        b = min(int(p * n_bins), n_bins - 1)
        count[b] += 1
        sum_p[b] += p
        ones[b] += y
    n = len(probs)
    ece = 0.0
    for c, s, k in zip(count, sum_p, ones):
        if c:
            ece += c / n * abs(s / c - k / c)
    return ece
