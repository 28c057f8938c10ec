"""Measure the parts on a conveyor frame with the classical pipeline."""

import cv2
import numpy as np


def measure_parts(img, min_area=20):
    """Areas in pixels of the bright parts of a 2-D uint8 frame, sorted ascending."""
    if not isinstance(img, np.ndarray) or img.ndim != 2 or img.dtype != np.uint8:
        raise ValueError("img must be a 2-D numpy array of dtype uint8")
    blur = cv2.GaussianBlur(img, (5, 5), 0)
    _, mask = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    _, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    areas = stats[1:, cv2.CC_STAT_AREA]
    return sorted(int(a) for a in areas if a >= min_area)
