# Counts the support from the predictions (column sums) instead of the true labels.
import numpy as np


def _cm(y_true, y_pred, n_classes):
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
    np.add.at(cm, (t, p), 1)
    return cm



def per_class_precision_recall(y_true, y_pred, n_classes, zero_division=0.0):
    cm = _cm(y_true, y_pred, n_classes)
    tp = np.diag(cm).astype(np.float64)
    cols, rows = cm.sum(axis=0), cm.sum(axis=1)
    precision = np.full(n_classes, zero_division, dtype=np.float64)
    recall = np.full(n_classes, zero_division, dtype=np.float64)
    np.divide(tp, cols, out=precision, where=cols > 0)
    np.divide(tp, rows, out=recall, where=rows > 0)
    return precision, recall, cols
