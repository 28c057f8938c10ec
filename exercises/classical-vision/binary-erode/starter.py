"""Binary erosion that matches OpenCV's cv2.erode.

Implement binary_erode(img, se) in numpy only (no OpenCV, scipy or
scikit-image):

- img is a 2-D uint8 array of shape (H, W). A binary image holds 0
  (background) and 255 (foreground); the rule below works for any uint8
  values, and the checker uses both kinds of image.
- se is the structuring element: a 2-D uint8 array of shape (kh, kw) holding
  0s and 1s, with kh and kw odd and at least one 1. Its anchor is its centre,
  (r, c) = (kh // 2, kw // 2).
- Each output pixel is the minimum of the image under the 1s of se, placed
  with its anchor on the pixel and not flipped:

      out[y, x] = min over (i, j) with se[i, j] == 1 of img[y + i - r, x + j - c]

- A pixel outside the image counts as 255, so the border never erodes
  anything (OpenCV's default border for erode).
- Return a new uint8 array of shape (H, W): it equals cv2.erode(img, se)
  exactly.
- Raise ValueError when img is not 2-D or not uint8, when se is not 2-D,
  when kh or kw is even, or when se holds no 1.
- Leave img and se unchanged.
"""

import numpy as np


def binary_erode(img, se):
    """Erode img with the structuring element se, like cv2.erode."""
    raise NotImplementedError("binary_erode is not written yet")
