# One pass from top-left to bottom-right: a chain that leads up or left is cut.
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
    for y in range(h):
        for x in range(w):
            if candidate[y, x] and not kept[y, x]:
                ys, xs = slice(max(y - 1, 0), y + 2), slice(max(x - 1, 0), x + 2)
                if kept[ys, xs].any():
                    kept[y, x] = True
    return kept
