"""Checks confusion_matrix against the task's rule (rows true classes,
columns predicted, int64, shape (n_classes, n_classes), every class kept) and,
on the random cases, against scikit-learn 1.2's
sklearn.metrics.confusion_matrix(y_true, y_pred, labels=range(n_classes))
when scikit-learn is installed; then every ValueError the task lists."""

import types

import numpy as np

import coursecheck as cc

try:
    from sklearn.metrics import confusion_matrix as sk_confusion_matrix
except ImportError:
    sk_confusion_matrix = None


def confusion_matrix(y_true, y_pred, n_classes):
    """The task's rule, one example at a time."""
    cm = np.zeros((n_classes, n_classes), dtype=np.int64)
    for t, p in zip(np.asarray(y_true).tolist(), np.asarray(y_pred).tolist()):
        cm[t, p] += 1
    return cm


def sklearn_confusion_matrix(y_true, y_pred, n_classes):
    """What scikit-learn returns (the task's rule without it)."""
    if sk_confusion_matrix is None:
        return confusion_matrix(y_true, y_pred, n_classes)
    return sk_confusion_matrix(y_true, y_pred, labels=list(range(n_classes))).astype(np.int64)


def differ(actual, expected):
    if not isinstance(actual, np.ndarray):
        return f"expected a numpy array, got {type(actual).__name__}"
    if actual.dtype != np.int64:
        return f"expected dtype int64, got {actual.dtype}"
    if actual.shape != expected.shape:
        return (f"expected shape {expected.shape} (one row and one column per class, "
                f"also for classes that never occur), got {actual.shape}")
    bad = np.argwhere(actual != expected)
    if len(bad):
        i, j = (int(v) for v in bad[0])
        transposed = np.array_equal(actual, expected.T)
        return (f"{len(bad)} entries differ; the first is [{i}, {j}] (true class {i} predicted as {j}): "
                f"expected {expected[i, j]}, got {actual[i, j]}"
                + ("; your matrix is the transpose: rows must be true classes, columns predicted" if transposed else ""))
    return None


def same(learner, y_true, y_pred, n_classes):
    return cc.compare(learner.confusion_matrix, confusion_matrix, y_true, y_pred, n_classes, differ=differ)


def same_as_sklearn(learner, y_true, y_pred, n_classes):
    same(learner, y_true, y_pred, n_classes)
    return cc.compare(learner.confusion_matrix, sklearn_confusion_matrix, y_true, y_pred, n_classes, differ=differ)


def test_confusion_matrix_counts_a_small_example(learner):
    same_as_sklearn(learner, np.array([0, 0, 1, 2, 2, 2]), np.array([0, 1, 1, 2, 0, 2]), 3)


def test_confusion_matrix_has_true_classes_in_rows_and_predicted_in_columns(learner):
    # Three cats (0) called dogs (1), no dog called a cat: the count is at [0, 1].
    same_as_sklearn(learner, np.array([0, 0, 0, 1]), np.array([1, 1, 1, 1]), 2)
    same_as_sklearn(learner, np.array([2, 2, 1, 0, 0]), np.array([0, 1, 1, 0, 2]), 3)


def test_confusion_matrix_counts_every_repeated_pair(learner):
    # The same (true, predicted) pair many times: each example counts.
    same_as_sklearn(learner, np.array([1, 1, 1, 1, 0]), np.array([1, 1, 1, 1, 0]), 2)
    same_as_sklearn(learner, np.array([0, 2, 0, 2, 0, 2, 1]), np.array([2, 0, 2, 0, 2, 0, 1]), 3)


def test_confusion_matrix_returns_int64_of_shape_n_by_n(learner):
    out = cc.call(learner.confusion_matrix, np.array([0, 1]), np.array([1, 1]), 2)
    cc.expect(isinstance(out, np.ndarray) and out.dtype == np.int64 and out.shape == (2, 2),
              "confusion_matrix(array([0, 1]), array([1, 1]), 2) should return an int64 array of shape (2, 2), got "
              + (f"dtype {out.dtype} and shape {out.shape}" if isinstance(out, np.ndarray) else type(out).__name__),
              expected="int64, (2, 2)", actual=cc.show(out))
    same(learner, np.array([0, 1]), np.array([1, 1]), 2)


def test_confusion_matrix_keeps_classes_that_never_occur(learner):
    # Class 3 is only predicted, class 4 never occurs, class 0 is never predicted.
    same_as_sklearn(learner, np.array([0, 1, 2, 1, 0]), np.array([1, 1, 2, 3, 2]), 5)
    same_as_sklearn(learner, np.array([1, 1]), np.array([1, 1]), 4)
    same_as_sklearn(learner, np.array([0]), np.array([0]), 1)


def test_confusion_matrix_of_empty_inputs_is_zeros(learner):
    same(learner, [], [], 3)
    same(learner, np.array([], dtype=np.int64), np.array([], dtype=np.int64), 1)


def test_confusion_matrix_accepts_lists_and_any_integer_dtype(learner):
    same_as_sklearn(learner, [0, 2, 1, 2], [0, 1, 1, 2], 3)
    # uint8 labels for 37 breeds: 36 * 37 + 36 does not fit in uint8.
    t = np.array([36, 36, 0, 20, 36, 7], dtype=np.uint8)
    p = np.array([36, 35, 0, 21, 36, 7], dtype=np.uint8)
    same_as_sklearn(learner, t, p, 37)
    same_as_sklearn(learner, t.astype(np.int8), p.astype(np.int32), 37)
    same_as_sklearn(learner, np.array([3, 0, 3], dtype=np.uint16), np.array([3, 3, 0], dtype=np.int16), 4)
    same(learner, np.array([1, 0]), np.array([0, 1]), np.int64(2))
    same(learner, np.array([1, 0, 5]), np.array([1, 1, 5]), np.uint8(20))


def test_confusion_matrix_matches_sklearn_on_random_labels(learner):
    for rng in cc.random_cases(30, seed=7):
        n = rng.randint(1, 3 + rng.case)
        m = rng.randint(1, 5 + 4 * rng.case)
        g = rng.numpy()
        y_true = g.integers(0, n, m)
        # Mostly right, sometimes confused, and some classes left out.
        y_pred = np.where(g.random(m) < 0.6, y_true, g.integers(0, n, m))
        if rng.case % 4 == 3:
            y_pred = np.minimum(y_pred, max(n - 2, 0))
        same_as_sklearn(learner, y_true, y_pred, n)


def test_confusion_matrix_leaves_its_inputs_unchanged(learner):
    t, p = np.array([2, 0, 1, 1]), np.array([2, 1, 1, 0])
    same(learner, t, p, 3)  # compare() fails if an argument changed
    same(learner, [2, 0, 1, 1], [2, 1, 1, 0], 3)


def test_confusion_matrix_rejects_n_classes_that_is_not_a_positive_integer(learner):
    t, p = np.array([0, 1]), np.array([1, 0])
    for n in (0, -2, 2.0, True, "2", None):
        cc.expect_raises(ValueError, learner.confusion_matrix, t, p, n)
    cc.expect_raises(ValueError, learner.confusion_matrix, [], [], 0)


def test_confusion_matrix_rejects_inputs_that_are_not_1d(learner):
    cc.expect_raises(ValueError, learner.confusion_matrix, np.array([[0, 1]]), np.array([[1, 0]]), 2)
    cc.expect_raises(ValueError, learner.confusion_matrix, np.array([0, 1]), np.array([[1, 0]]), 2)
    cc.expect_raises(ValueError, learner.confusion_matrix, np.array([[0, 1]]), np.array([1, 0]), 2)
    cc.expect_raises(ValueError, learner.confusion_matrix, np.array(1), np.array(1), 2)
    cc.expect_raises(ValueError, learner.confusion_matrix, np.array(1), np.array([1]), 2)


def test_confusion_matrix_rejects_lengths_that_differ(learner):
    cc.expect_raises(ValueError, learner.confusion_matrix, np.array([0, 1, 1]), np.array([1, 0]), 2)
    cc.expect_raises(ValueError, learner.confusion_matrix, [0], [0, 1], 2)
    cc.expect_raises(ValueError, learner.confusion_matrix, [], [1], 2)


def test_confusion_matrix_rejects_labels_that_are_not_integers(learner):
    cc.expect_raises(ValueError, learner.confusion_matrix, np.array([0.0, 1.0]), np.array([1, 0]), 2)
    cc.expect_raises(ValueError, learner.confusion_matrix, np.array([0, 1]), np.array([1.0, 0.0]), 2)
    cc.expect_raises(ValueError, learner.confusion_matrix, [0, 1.5], [1, 0], 2)
    cc.expect_raises(ValueError, learner.confusion_matrix, np.array([True, False]), np.array([1, 0]), 2)
    cc.expect_raises(ValueError, learner.confusion_matrix, np.array([1, 0]), np.array([False, True]), 2)


def test_confusion_matrix_rejects_labels_out_of_range(learner):
    cc.expect_raises(ValueError, learner.confusion_matrix, np.array([0, -1]), np.array([1, 0]), 2)
    cc.expect_raises(ValueError, learner.confusion_matrix, np.array([0, 1]), np.array([-1, 0]), 2)
    cc.expect_raises(ValueError, learner.confusion_matrix, np.array([0, 2]), np.array([1, 0]), 2)
    cc.expect_raises(ValueError, learner.confusion_matrix, np.array([0, 1]), np.array([1, 2]), 2)
    cc.expect_raises(ValueError, learner.confusion_matrix, np.array([5, 1]), np.array([1, 1]), 3)
    cc.expect_raises(ValueError, learner.confusion_matrix, np.array([1, 1]), np.array([1, 7]), 3)
    # Labels that still index a cell of the matrix when counted as true * n + predicted:
    cc.expect_raises(ValueError, learner.confusion_matrix, np.array([0, 1]), np.array([3, 0]), 3)
    cc.expect_raises(ValueError, learner.confusion_matrix, np.array([1, 1]), np.array([-1, 2]), 3)


def _names(code):
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const)
    return names


def test_confusion_matrix_uses_numpy_only(learner):
    for name, value in vars(learner).items():
        module = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
        cc.expect(not (isinstance(module, str) and module.split(".")[0] in ("sklearn", "torch", "torchmetrics")),
                  f"your file imports {module} (as {name}); the task is to count the matrix in numpy: "
                  "remove the import", input="your file")
