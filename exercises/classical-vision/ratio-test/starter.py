"""Lowe's ratio test: keep a match only when it is clearly better than the runner-up.

Implement ratio_test_matches(desc1, desc2, ratio) in numpy only (no OpenCV,
scipy or scikit-learn):

- desc1 and desc2 are 2-D arrays of descriptors, one per row, with the same
  number of columns; their dtype may be any real type, uint8 included
  (compute in float64: uint8 differences wrap). Raise ValueError when either
  is not 2-D or their numbers of columns differ, and when ratio is not in
  0 < ratio <= 1.
- For each row i of desc1, compute its Euclidean distance to every row of
  desc2, np.sqrt(np.sum((desc2 - desc1[i]) ** 2, axis=1)) in float64, and
  find the nearest row j1 (distance d1) and the second nearest j2 (d2).
  Rows at equal distances are ordered by index: the nearest of two equally
  distant rows is the one with the smaller index, and the other is then the
  second nearest (so d1 == d2, and the match is rejected).
- Keep the match when d1 < ratio * d2, strictly, on the distances themselves
  (not their squares).
- When desc2 has fewer than 2 rows there is no second neighbour: return []
  (an empty desc1 also gives []).
- Return a list of tuples (i, j1, d1): i and j1 integers, d1 a float. Sort
  it by d1, smallest first; matches with equal d1 by i, smallest first. The
  checker compares i, j1 and the order exactly and d1 to a relative 1e-9
  (another order of the same sums is fine).
- Leave desc1 and desc2 unchanged.
"""

import numpy as np


def ratio_test_matches(desc1, desc2, ratio):
    """Matches (i, j, distance) that pass the ratio test, by distance then i."""
    raise NotImplementedError("ratio_test_matches is not written yet")
