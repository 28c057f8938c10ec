# Minimises var0 + var1, forgetting to weigh each class's variance by its size.
import numpy as np


def otsu_threshold(img):
    img = np.asarray(img)
    if img.ndim != 2 or img.dtype != np.uint8:
        raise ValueError("expected a 2-D uint8 image")
    best, best_t = None, 0
    x = img.astype(np.float64)
    for t in range(256):
        c0, c1 = x[x <= t], x[x > t]
        if c0.size == 0 or c1.size == 0:
            continue
        within = c0.var() + c1.var()
        if best is None or within < best:
            best, best_t = within, t
    return best_t
