# Looks at the neighbours with np.roll, which wraps around: the first and last columns touch.
import numpy as np


def hysteresis(mag, low, high):
    mag = np.asarray(mag)
    if mag.ndim != 2:
        raise ValueError("expected a 2-D array")
    if low > high:
        raise ValueError("low > high")
    candidate = mag >= low
    kept = mag >= high
    while True:
        near = kept.copy()
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                near |= np.roll(np.roll(kept, dy, axis=0), dx, axis=1)
        grown = candidate & near
        if (grown == kept).all():
            return kept
        kept = grown
