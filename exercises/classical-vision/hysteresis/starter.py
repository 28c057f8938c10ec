"""Hysteresis thresholding, the last step of the Canny edge detector.

Implement hysteresis(mag, low, high) in numpy only (no OpenCV, scipy or
scikit-image):

- mag is a 2-D float64 array of gradient magnitudes, shape (H, W); low and
  high are numbers with low <= high.
- A pixel is strong when mag >= high, and a candidate when mag >= low (so
  strong pixels are candidates). Both comparisons include equality. (OpenCV's
  Canny uses strict >, see the lesson; this exercise uses >=.)
- A pixel is kept when it is a candidate connected to a strong pixel by a
  path of candidate pixels, each step going to one of the 8 neighbours
  (left, right, up, down and the 4 diagonals). Strong pixels are kept.
  A path may be of any length and go in any direction. The image does not
  wrap around: the last column is not next to the first.
- Return a new boolean array (dtype bool) of shape (H, W), True where the
  pixel is kept.
- Raise ValueError when mag is not 2-D or when low > high.
- Leave mag unchanged.
"""

import numpy as np


def hysteresis(mag, low, high):
    """Keep candidates (mag >= low) 8-connected to strong pixels (mag >= high)."""
    raise NotImplementedError("hysteresis is not written yet")
