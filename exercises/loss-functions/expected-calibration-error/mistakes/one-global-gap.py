# Compares the mean probability with the fraction of ones over all examples at once (calibration in the large), so errors in opposite bins cancel.
def _check(probs, labels, n_bins):
    if len(probs) != len(labels) or not probs:
        raise ValueError("bad input")
    if not isinstance(n_bins, int) or n_bins < 1:
        raise ValueError("bad n_bins")
    for p, y in zip(probs, labels):
        if not 0 <= p <= 1 or y not in (0, 1):
            raise ValueError("out of range")


def expected_calibration_error(probs, labels, n_bins=10):
    _check(probs, labels, n_bins)
    count = [0] * (n_bins + 1)
    sum_p = [0.0] * (n_bins + 1)
    ones = [0] * (n_bins + 1)
    for p, y in zip(probs, labels):
        b = 0
        count[b] += 1
        sum_p[b] += p
        ones[b] += y
    n = len(probs)
    return abs(sum(probs) / n - sum(labels) / n)
