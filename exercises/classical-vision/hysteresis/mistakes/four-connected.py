# Grows through the 4 neighbours only: a diagonal chain of weak pixels is lost.
import numpy as np


def hysteresis(mag, low, high):
    mag = np.asarray(mag)
    if mag.ndim != 2:
        raise ValueError("expected a 2-D array")
    if low > high:
        raise ValueError("low > high")
    h, w = mag.shape
    candidate = mag >= low
    kept = mag >= high
    while True:
        p = np.pad(kept, 1)
        near = kept | p[:-2, 1:-1] | p[2:, 1:-1] | p[1:-1, :-2] | p[1:-1, 2:]
        grown = candidate & near
        if (grown == kept).all():
            return kept
        kept = grown
