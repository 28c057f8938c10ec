# Bins the confidence max(p, 1 - p) against the accuracy of the predicted class, the multi-class recipe, instead of p against the fraction of ones.
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
        b = min(int(max(p, 1 - p) * n_bins), n_bins - 1)
        count[b] += 1
        sum_p[b] += p
        ones[b] += y
    n = len(probs)
    return _conf(probs, labels, n_bins)


def _conf(probs, labels, n_bins):
    count = [0] * n_bins
    conf = [0.0] * n_bins
    right = [0] * n_bins
    for p, y in zip(probs, labels):
        c = max(p, 1 - p)
        b = min(int(c * n_bins), n_bins - 1)
        count[b] += 1
        conf[b] += c
        right[b] += int((p >= 0.5) == (y == 1))
    n = len(probs)
    return sum(k / n * abs(s / k - r / k) for k, s, r in zip(count, conf, right) if k)
