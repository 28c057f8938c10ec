"""Measure the parts on a conveyor frame with the classical pipeline."""

import cv2
import numpy as np


def measure_parts(img, min_area=20):
    """Areas in pixels of the bright parts of a 2-D uint8 frame, sorted ascending.

    Raise ValueError unless img is a 2-D numpy array of dtype uint8. Then:
    blur with cv2.GaussianBlur, a 5 x 5 kernel and sigma 0; threshold with
    Otsu's method (cv2.THRESH_BINARY + cv2.THRESH_OTSU, parts become 255);
    open the mask with a 3 x 3 square of ones; label its connected components
    with 8-connectivity; return the areas of the components other than the
    background whose area is at least min_area, as Python ints in ascending
    order. Leave img unchanged.
    """
    raise NotImplementedError("blur, Otsu, open, label, then filter and sort the areas")
