"""Per-class precision, recall and support (reference solution)."""

import numpy as np


def per_class_precision_recall(y_true, y_pred, n_classes, zero_division=0.0):
    """(precision, recall, support) per class, with the zero-division rule above."""
    if isinstance(n_classes, bool) or not isinstance(n_classes, (int, np.integer)) or n_classes < 1:
        raise ValueError(f"n_classes must be an integer >= 1, got {n_classes!r}")
    t, p = np.asarray(y_true), np.asarray(y_pred)
    if t.ndim != 1 or p.ndim != 1:
        raise ValueError(f"y_true and y_pred must be 1-D, got shapes {t.shape} and {p.shape}")
    if len(t) != len(p):
        raise ValueError(f"y_true has {len(t)} labels and y_pred {len(p)}")
    n = int(n_classes)
    if len(t) and (t.dtype.kind not in "iu" or p.dtype.kind not in "iu"):
        raise ValueError(f"labels must be integers, got dtypes {t.dtype} and {p.dtype}")
    t, p = t.astype(np.int64), p.astype(np.int64)
    for name, a in (("y_true", t), ("y_pred", p)):
        if len(a) and (a.min() < 0 or a.max() >= n):
            raise ValueError(f"{name} holds labels outside 0..{n - 1}: {a.min()}..{a.max()}")
    cm = np.bincount(t * n + p, minlength=n * n).reshape(n, n)
    tp = np.diag(cm).astype(np.float64)
    predicted = cm.sum(axis=0)  # column sums: examples predicted as k
    support = cm.sum(axis=1)    # row sums: examples of true class k
    precision = np.full(n, zero_division, dtype=np.float64)
    recall = np.full(n, zero_division, dtype=np.float64)
    np.divide(tp, predicted, out=precision, where=predicted > 0)
    np.divide(tp, support, out=recall, where=support > 0)
    return precision, recall, support.astype(np.int64)
