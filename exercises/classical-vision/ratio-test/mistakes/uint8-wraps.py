# Subtracts the descriptors in their own dtype: uint8 differences wrap around.

import numpy as np


def ratio_test_matches(desc1, desc2, ratio):
    """Matches (i, j, distance) that pass the ratio test, by distance then i."""
    desc1, desc2 = np.asarray(desc1), np.asarray(desc2)
    if desc1.ndim != 2 or desc2.ndim != 2:
        raise ValueError(f"expected 2-D descriptor arrays, got shapes {desc1.shape} and {desc2.shape}")
    if desc1.shape[1] != desc2.shape[1]:
        raise ValueError(f"descriptors of different lengths: {desc1.shape[1]} and {desc2.shape[1]}")
    if not 0 < ratio <= 1:
        raise ValueError(f"ratio must be in (0, 1], got {ratio!r}")
    if desc2.shape[0] < 2:
        return []                               # no second neighbour: no test, no match
    a = desc1
    b = desc2
    matches = []
    for i in range(a.shape[0]):
        dist = np.sqrt(np.sum(((b - a[i]) ** 2).astype(np.float64), axis=1))
        order = np.argsort(dist, kind="stable")  # ties: the smaller index first
        j1, j2 = order[0], order[1]
        if dist[j1] < ratio * dist[j2]:
            matches.append((i, int(j1), float(dist[j1])))
    matches.sort(key=lambda m: (m[2], m[0]))
    return matches
