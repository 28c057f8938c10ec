"""Grayscale conversion that matches OpenCV.

Implement to_gray(img): img is an RGB image, a numpy array of shape
(height, width, 3) and dtype uint8. Return its luminance, an array of shape
(height, width) and dtype uint8, equal to what OpenCV gives:

    cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)

which weighs the channels with ITU-R BT.601's luma weights

    Y = 0.299 R + 0.587 G + 0.114 B

and rounds to the nearest integer. Do not call OpenCV. Raise ValueError when
img does not have three dimensions with three channels. Leave img unchanged.
"""

import numpy as np


def to_gray(img):
    """The BT.601 luminance of an RGB uint8 image, as uint8."""
    raise NotImplementedError("to_gray is not written yet")
