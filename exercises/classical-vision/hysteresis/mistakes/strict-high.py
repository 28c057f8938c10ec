# Strong pixels need mag > high: a pixel exactly at high is no longer a seed.
import numpy as np


def hysteresis(mag, low, high):
    mag = np.asarray(mag)
    if mag.ndim != 2:
        raise ValueError("expected a 2-D array")
    if low > high:
        raise ValueError("low > high")
    h, w = mag.shape
    candidate = mag >= low
    kept = mag > high
    while True:
        p = np.pad(kept, 1)
        near = np.zeros_like(kept)
        for dy in range(3):
            for dx in range(3):
                near |= p[dy:dy + h, dx:dx + w]
        grown = candidate & near
        if (grown == kept).all():
            return kept
        kept = grown

