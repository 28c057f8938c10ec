"""Grayscale conversion that matches OpenCV.

Implement to_gray(img). img is an RGB image: a numpy array of shape
(height, width, 3) and dtype uint8 whose channel 0 is red, 1 green and
2 blue. Return its luminance, an array of shape (height, width) and dtype
uint8 equal, pixel for pixel, to what OpenCV 4.6 gives:

    cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)

OpenCV computes ITU-R BT.601's luma Y = 0.299 R + 0.587 G + 0.114 B in
15-bit fixed point, which is the rule to implement:

    Y = (9798 R + 19235 G + 3735 B + 16384) >> 15

(the weights times 2**15, summing to 32768; adding 16384 = 2**14 before the
shift rounds to the nearest integer). The float formula rounded with
np.rint gives a different pixel for about 0.14% of colours, so use the
integers. Do not call OpenCV. Raise ValueError when img does not have three
dimensions with three channels. Leave img unchanged.
"""

import numpy as np


def to_gray(img):
    """The BT.601 luminance of an RGB uint8 image, as uint8, like OpenCV."""
    raise NotImplementedError("to_gray is not written yet")
