"""Per-class precision, recall and support, as scikit-learn 1.2's
precision_recall_fscore_support(y_true, y_pred, labels=range(n_classes),
average=None, zero_division=z) computes them for z = 0 or 1.

Implement per_class_precision_recall(y_true, y_pred, n_classes,
zero_division=0.0) in numpy only (no scikit-learn):

- y_true and y_pred are the true and predicted classes, integers
  0 .. n_classes - 1, as 1-D numpy integer arrays (any integer dtype) or
  lists of Python ints, of the same length (both may be empty).
- For each class k, with TP_k the examples of class k predicted as k:
  - support[k]   = the number of examples whose true class is k;
  - precision[k] = TP_k / (the number of examples predicted as k);
  - recall[k]    = TP_k / support[k].
- The zero-division rule: when a denominator is 0, that value is
  zero_division (a float: 0.0 by default, 1.0, or np.nan, which scikit-learn
  accepts from 1.3 on), and only that value. So a class never predicted has
  precision zero_division; a class that never occurs in y_true has recall
  zero_division, but if it is predicted its precision is 0.0 (every one of
  those predictions is wrong), whatever zero_division is.
- Return a tuple (precision, recall, support): precision and recall float64
  arrays of shape (n_classes,), support an int64 array of shape
  (n_classes,). Every class has its entry, also one that occurs in neither
  y_true nor y_pred.
- Raise ValueError when n_classes is not an integer (a bool is not one) or
  is smaller than 1; when y_true or y_pred is not 1-D; when their lengths
  differ; when they are not empty and their dtype is not an integer one
  (floats such as 2.0 and bools are rejected); when a label is negative or
  >= n_classes.
- Leave y_true and y_pred unchanged.
"""

import numpy as np


def per_class_precision_recall(y_true, y_pred, n_classes, zero_division=0.0):
    """(precision, recall, support) per class, with the zero-division rule above."""
    raise NotImplementedError("per_class_precision_recall is not written yet")
