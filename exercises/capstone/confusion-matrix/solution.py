"""A confusion matrix, rows true classes, columns predicted (reference solution)."""

import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    """Counts of (true class, predicted class) pairs, rows true, columns predicted."""
    if isinstance(n_classes, bool) or not isinstance(n_classes, (int, np.integer)) or n_classes < 1:
        raise ValueError(f"n_classes must be an integer >= 1, got {n_classes!r}")
    t, p = np.asarray(y_true), np.asarray(y_pred)
    if t.ndim != 1 or p.ndim != 1:
        raise ValueError(f"y_true and y_pred must be 1-D, got shapes {t.shape} and {p.shape}")
    if len(t) != len(p):
        raise ValueError(f"y_true has {len(t)} labels and y_pred {len(p)}")
    n = int(n_classes)
    if len(t) == 0:
        return np.zeros((n, n), dtype=np.int64)
    if t.dtype.kind not in "iu" or p.dtype.kind not in "iu":
        raise ValueError(f"labels must be integers, got dtypes {t.dtype} and {p.dtype}")
    t, p = t.astype(np.int64), p.astype(np.int64)  # uint8 * n would overflow
    for name, a in (("y_true", t), ("y_pred", p)):
        if a.min() < 0 or a.max() >= n:
            raise ValueError(f"{name} holds labels outside 0..{n - 1}: {a.min()}..{a.max()}")
    # One bin per (true, predicted) pair: index true * n + predicted.
    counts = np.bincount(t * n + p, minlength=n * n)
    return counts.reshape(n, n).astype(np.int64)
