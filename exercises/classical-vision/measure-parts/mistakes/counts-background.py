# Keeps label 0, the background, among the parts.
import cv2
import numpy as np


def measure_parts(img, min_area=20):
    if not isinstance(img, np.ndarray) or img.ndim != 2 or img.dtype != np.uint8:
        raise ValueError("img must be a 2-D numpy array of dtype uint8")
    blur = cv2.GaussianBlur(img, (5, 5), 0)
    _, mask = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    _, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return sorted(int(a) for a in stats[:, cv2.CC_STAT_AREA] if a >= min_area)
