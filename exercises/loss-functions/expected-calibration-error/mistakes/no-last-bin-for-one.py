# Uses int(p * n_bins) without the cap, so p = 1.0 opens a bin of its own past the last one.
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
        b = int(p * n_bins)
        count[b] += 1
        sum_p[b] += p
        ones[b] += y
    n = len(probs)
    ece = 0.0
    for c, s, k in zip(count, sum_p, ones):
        if c:
            ece += c / n * abs(s / c - k / c)
    return ece
