# Skips the range check because np.bincount and reshape raise on most bad labels; but a
# predicted label n_classes next to true class 0 gives the index 0 * n + n, a valid
# cell (row 1, column 0), and the example is silently counted in the wrong place.
import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    if isinstance(n_classes, bool) or not isinstance(n_classes, (int, np.integer)) or n_classes < 1:
        raise ValueError("n_classes")
    t, p = np.asarray(y_true), np.asarray(y_pred)
    if t.ndim != 1 or p.ndim != 1 or len(t) != len(p):
        raise ValueError("shapes")
    n = int(n_classes)
    if len(t) == 0:
        return np.zeros((n, n), dtype=np.int64)
    if t.dtype.kind not in "iu" or p.dtype.kind not in "iu":
        raise ValueError("dtype")
    t, p = t.astype(np.int64), p.astype(np.int64)
    return np.bincount(t * n + p, minlength=n * n).reshape(n, n).astype(np.int64)
