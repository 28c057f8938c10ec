"""A homography from point correspondences by the normalised DLT.

Implement homography_dlt(src, dst) in numpy only (no OpenCV, scipy or
scikit-image):

- src and dst are array-likes (numpy arrays or lists) of shape (N, 2):
  point i of src, (x, y), corresponds to point i of dst, (u, v).
- Raise ValueError when either is not of shape (N, 2), when their shapes
  differ, when N < 4, or when all the points of src (or of dst) coincide.
- Normalise each set (Hartley): translate its centroid to the origin and
  scale it so that the mean distance of its points from the origin is
  sqrt(2). As a 3x3 matrix, T = [[s, 0, -s*cx], [0, s, -s*cy], [0, 0, 1]].
- Build A (2N x 9) from the normalised points: for each pair, the rows
      [-x, -y, -1,  0,  0,  0, u*x, u*y, u]
      [ 0,  0,  0, -x, -y, -1, v*x, v*y, v]
  and take h, the right singular vector of A for its smallest singular value
  (np.linalg.svd returns Vt: its last row).
- Undo the normalisation: H = inv(T_dst) @ h.reshape(3, 3) @ T_src, then
  divide H by H[2, 2] so that H[2, 2] == 1.
- Return H as a (3, 3) float64 numpy array; leave src and dst unchanged.

The checker compares H entry by entry with this rule (relative tolerance
1e-8), and on exact correspondences with cv2.findHomography(src, dst, 0)
(the points both map src to within 1e-3 pixels).
"""

import numpy as np


def homography_dlt(src, dst):
    """H (3x3, H[2, 2] == 1) with dst ~ H @ src, by the normalised DLT."""
    raise NotImplementedError("homography_dlt is not written yet")
