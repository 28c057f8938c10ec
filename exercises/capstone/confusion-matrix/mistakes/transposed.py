# Puts predicted classes in the rows and true classes in the columns (the transpose).
import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    if isinstance(n_classes, bool) or not isinstance(n_classes, (int, np.integer)) or n_classes < 1:
        raise ValueError("n_classes")
    t, p = np.asarray(y_true), np.asarray(y_pred)
    if t.ndim != 1 or p.ndim != 1 or len(t) != len(p):
        raise ValueError("shapes")
    if len(t) and (t.dtype.kind not in "iu" or p.dtype.kind not in "iu"):
        raise ValueError("dtype")
    t, p = t.astype(np.int64), p.astype(np.int64)
    if len(t) and (min(t.min(), p.min()) < 0 or max(t.max(), p.max()) >= n_classes):
        raise ValueError("range")
    cm = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(cm, (p, t), 1)
    return cm
