"""The Harris corner response, as cv2.cornerHarris(img, block_size, ksize, k) computes it.

Implement harris_response(img, block_size, ksize, k) in numpy only (no
OpenCV, scipy or scikit-image):

- img is a gray image: a 2-D array of dtype uint8 or float32 (the two types
  cornerHarris accepts). Raise ValueError for any other shape or dtype.
- block_size is the window side, a positive integer; ksize is the Sobel
  aperture, one of 1, 3, 5, 7. Raise ValueError otherwise.
- Derivatives: correlate img with the Sobel kernels of size ksize, the
  derivative along one axis times the smoothing along the other:

      ksize  derivative               smoothing
      1      [-1, 0, 1]               [1]
      3      [-1, 0, 1]               [1, 2, 1]
      5      [-1, -2, 0, 2, 1]        [1, 4, 6, 4, 1]
      7      [-1, -4, -5, 0, 5, 4, 1] [1, 6, 15, 20, 15, 6, 1]

  Ix uses the derivative along the row (x, to the right) and the smoothing
  down the column; Iy the other way round. Pad with BORDER_REFLECT_101
  (np.pad mode="reflect"), then multiply both by OpenCV's scale

      scale = 1 / (2 ** (ksize - 1) * block_size * 255)   for uint8 images
      scale = 1 / (2 ** (ksize - 1) * block_size)         for float32 images

- The structure tensor M = [[a, b], [b, c]] at each pixel sums (does not
  average) Ix*Ix, Ix*Iy and Iy*Iy over a block_size x block_size window,
  padded with BORDER_REFLECT_101 too. The window's anchor is at offset
  block_size // 2, so it covers rows y - block_size // 2 to
  y - block_size // 2 + block_size - 1 (and the same for columns): centred
  when block_size is odd, one more row and column before the pixel when even.
- Return R = a * c - b * b - k * (a + c) ** 2 at every pixel: a float32
  array of img's shape. Compute in float64 and convert at the end.
- The checker compares with cv2.cornerHarris and accepts, at every pixel,
  |R - R_cv| <= 1e-6 * S, where S is the largest (a + c) ** 2 over the
  image: OpenCV rounds every step to float32, about 1.2e-7 * S at worst.
- Leave img unchanged.
"""

import numpy as np


def harris_response(img, block_size, ksize, k):
    """R = det(M) - k * trace(M)**2 at every pixel (float32), as cv2.cornerHarris."""
    raise NotImplementedError("harris_response is not written yet")
