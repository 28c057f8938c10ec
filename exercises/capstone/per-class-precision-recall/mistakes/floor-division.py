# Divides the integer counts with //, so every precision and recall below 1 becomes 0.
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
    tp = np.diag(cm)
    cols, rows = cm.sum(axis=0), cm.sum(axis=1)
    precision = np.array([tp[k] // cols[k] if cols[k] else zero_division for k in range(n_classes)], dtype=np.float64)
    recall = np.array([tp[k] // rows[k] if rows[k] else zero_division for k in range(n_classes)], dtype=np.float64)
    return precision, recall, rows
