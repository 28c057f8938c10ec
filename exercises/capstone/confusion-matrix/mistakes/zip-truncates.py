# Loops over zip(y_true, y_pred) without comparing the lengths: zip stops at the
# shorter one and the extra labels are silently dropped.
import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    if isinstance(n_classes, bool) or not isinstance(n_classes, (int, np.integer)) or n_classes < 1:
        raise ValueError("n_classes")
    t, p = np.asarray(y_true), np.asarray(y_pred)
    if t.ndim != 1 or p.ndim != 1:
        raise ValueError("shapes")
    if len(t) and (t.dtype.kind not in "iu") or len(p) and (p.dtype.kind not in "iu"):
        raise ValueError("dtype")
    cm = np.zeros((n_classes, n_classes), dtype=np.int64)
    for a, b in zip(t.tolist(), p.tolist()):
        if not (0 <= a < n_classes and 0 <= b < n_classes):
            raise ValueError("range")
        cm[a, b] += 1
    return cm
