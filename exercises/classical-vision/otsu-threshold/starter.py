"""Otsu's threshold, as cv2.threshold(img, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU) finds it.

Implement otsu_threshold(img) in numpy only (no OpenCV, scipy or scikit-image):

- img is a gray image, a 2-D uint8 array with at least one pixel.
- A threshold t in 0..255 splits the pixels into class 0 (values <= t) and
  class 1 (values > t), as THRESH_BINARY does (pixels > t become 255).
- For each t where both classes are non-empty, the between-class variance is

      w0 * w1 * (mu0 - mu1) ** 2

  with w0, w1 the fractions of pixels in each class and mu0, mu1 the mean
  values of each class.
- Return the t that maximises it. When several t give exactly the same
  maximum (a two-valued image: every t between the two values does), return
  the smallest of them. Compare exactly: compute the class counts and sums
  as integers, so that equal variances come out equal.
- On the checker's random images this is what OpenCV 4.6 returns. OpenCV
  also keeps the smallest t of a run of equal splits, but it sums in floating
  point, so when two different splits tie exactly it may return the later
  one (on 0, 100, 200 in equal numbers it returns 100; the rule here gives 0).
- When no t has both classes non-empty (every pixel has the same value),
  return 0.
- Return an integer (a Python int or a numpy integer, not a float; OpenCV
  returns the same number as a float).
- Raise ValueError when img is not 2-D or not uint8.
- Leave img unchanged.
"""

import numpy as np


def otsu_threshold(img):
    """The threshold Otsu's method picks for a uint8 gray image."""
    raise NotImplementedError("otsu_threshold is not written yet")
