"""Checks per_class_precision_recall against the task's rule (computed one
class at a time in exact counts, with the zero-division rule) and, for
zero_division 0 and 1, against scikit-learn 1.2's
precision_recall_fscore_support(y_true, y_pred, labels=range(n_classes),
average=None, zero_division=z) when scikit-learn is installed; then every
ValueError the task lists. Values compare to 1e-12 (both divide the same two
counts once)."""

import types
import warnings

import numpy as np

import coursecheck as cc

try:
    from sklearn.metrics import precision_recall_fscore_support
except ImportError:
    precision_recall_fscore_support = None


def per_class_precision_recall(y_true, y_pred, n_classes, zero_division=0.0):
    """The task's rule, one class at a time."""
    t, p = np.asarray(y_true).tolist(), np.asarray(y_pred).tolist()
    precision, recall, support = [], [], []
    for k in range(n_classes):
        tp = sum(1 for a, b in zip(t, p) if a == k and b == k)
        predicted = sum(1 for b in p if b == k)
        actual = sum(1 for a in t if a == k)
        precision.append(tp / predicted if predicted else zero_division)
        recall.append(tp / actual if actual else zero_division)
        support.append(actual)
    return (np.array(precision, dtype=np.float64), np.array(recall, dtype=np.float64),
            np.array(support, dtype=np.int64))


def sklearn_per_class(y_true, y_pred, n_classes, zero_division=0.0):
    """What scikit-learn returns (the task's rule without it)."""
    if precision_recall_fscore_support is None or len(y_true) == 0:
        return per_class_precision_recall(y_true, y_pred, n_classes, zero_division)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        p, r, _, s = precision_recall_fscore_support(
            y_true, y_pred, labels=list(range(n_classes)), average=None, zero_division=int(zero_division))
    return p.astype(np.float64), r.astype(np.float64), s.astype(np.int64)


NAMES = ("precision", "recall", "support")


def differ(actual, expected):
    if not isinstance(actual, tuple) or len(actual) != 3:
        return f"expected a tuple (precision, recall, support), got {cc.show(actual, 200)}"
    for name, a, e in zip(NAMES, actual, expected):
        if not isinstance(a, np.ndarray):
            return f"{name}: expected a numpy array, got {type(a).__name__}"
        if a.dtype != e.dtype:
            return f"{name}: expected dtype {e.dtype}, got {a.dtype}"
        if a.shape != e.shape:
            return f"{name}: expected shape {e.shape} (one entry per class, also for classes that never occur), got {a.shape}"
        ok = np.isclose(a, e, rtol=1e-12, atol=1e-12, equal_nan=True) if e.dtype.kind == "f" else a == e
        if not ok.all():
            k = int(np.argwhere(~ok)[0][0])
            return f"{name} of class {k}: expected {e[k]!r}, got {a[k]!r}"
    return None


def same(learner, *args):
    return cc.compare(learner.per_class_precision_recall, per_class_precision_recall, *args, differ=differ)


def same_as_sklearn(learner, *args):
    same(learner, *args)
    return cc.compare(learner.per_class_precision_recall, sklearn_per_class, *args, differ=differ)


def test_per_class_precision_recall_of_a_small_example(learner):
    # Class 0: 2 of 3 predictions right, 2 of 2 found; class 1: 1 of 1 right,
    # 1 of 2 found; class 2: 2 of 2 right, 2 of 3 found.
    same_as_sklearn(learner, np.array([0, 0, 1, 1, 2, 2, 2]), np.array([0, 0, 1, 0, 2, 2, 0]), 3)


def test_precision_divides_by_predictions_and_recall_by_true_examples(learner):
    # Four examples of class 0, all predicted 0; two of class 1 also predicted 0.
    same_as_sklearn(learner, np.array([0, 0, 0, 0, 1, 1, 1]), np.array([0, 0, 0, 0, 0, 0, 1]), 2)


def test_support_counts_the_true_examples_of_each_class(learner):
    same_as_sklearn(learner, np.array([2, 2, 2, 0, 1]), np.array([0, 0, 2, 0, 0]), 3)


def test_per_class_precision_recall_returns_float64_float64_int64(learner):
    out = cc.call(learner.per_class_precision_recall, np.array([0, 1, 1]), np.array([0, 1, 0]), 2)
    cc.expect(isinstance(out, tuple) and len(out) == 3,
              f"per_class_precision_recall should return a tuple of three arrays, got {cc.show(out, 200)}",
              expected="(precision, recall, support)", actual=cc.show(out, 200))
    got = [getattr(a, "dtype", type(a).__name__) for a in out]
    cc.expect(got == [np.float64, np.float64, np.int64],
              f"the three arrays should have dtypes float64, float64, int64, got {', '.join(map(str, got))}",
              expected="float64, float64, int64", actual=", ".join(map(str, got)))
    same(learner, np.array([0, 1, 1]), np.array([0, 1, 0]), 2)


def test_a_class_never_predicted_has_precision_zero_division(learner):
    # Class 2 occurs twice and is never predicted.
    t, p = np.array([0, 1, 2, 2, 1]), np.array([0, 1, 0, 1, 1])
    same_as_sklearn(learner, t, p, 3)
    same_as_sklearn(learner, t, p, 3, 1.0)
    same_as_sklearn(learner, t, p, 3, 0.0)


def test_a_class_never_in_y_true_has_recall_zero_division(learner):
    # Class 2 never occurs and is never predicted: both are zero_division.
    same_as_sklearn(learner, np.array([0, 1, 1]), np.array([0, 1, 0]), 3, 1.0)
    same_as_sklearn(learner, np.array([0, 1, 1]), np.array([0, 1, 0]), 3)


def test_a_predicted_class_never_in_y_true_has_precision_0(learner):
    # Class 2 never occurs but is predicted twice: precision 0/2 = 0.0 even
    # with zero_division=1; its recall is zero_division.
    t, p = np.array([0, 1, 1, 0]), np.array([2, 1, 2, 0])
    same_as_sklearn(learner, t, p, 3, 1.0)
    same_as_sklearn(learner, t, p, 3, 0.0)


def test_zero_division_defaults_to_0(learner):
    t, p = np.array([0, 0, 1]), np.array([0, 0, 0])
    same(learner, t, p, 3)  # no zero_division given: class 2 gets 0.0


def test_zero_division_nan_gives_nan(learner):
    t, p = np.array([0, 0, 1, 3]), np.array([0, 1, 1, 1])
    same(learner, t, p, 4, float("nan"))
    same(learner, t, p, 4, 0.25)


def test_classes_in_neither_y_true_nor_y_pred_keep_their_entries(learner):
    same_as_sklearn(learner, np.array([1, 1, 3]), np.array([1, 3, 3]), 6)
    same_as_sklearn(learner, np.array([1, 1, 3]), np.array([1, 3, 3]), 6, 1.0)


def test_a_perfect_and_an_all_wrong_classifier(learner):
    same_as_sklearn(learner, np.array([0, 1, 2, 2]), np.array([0, 1, 2, 2]), 3)
    same_as_sklearn(learner, np.array([0, 1, 2, 2]), np.array([1, 2, 0, 0]), 3)
    same_as_sklearn(learner, np.array([0]), np.array([0]), 1)


def test_empty_inputs_give_zero_division_and_zero_support(learner):
    same(learner, [], [], 3)
    same(learner, np.array([], dtype=np.int64), np.array([], dtype=np.int64), 2, 1.0)


def test_per_class_precision_recall_accepts_lists_and_any_integer_dtype(learner):
    same_as_sklearn(learner, [0, 2, 1, 2], [0, 1, 1, 2], 3)
    t = np.array([36, 36, 0, 20, 36, 7], dtype=np.uint8)
    p = np.array([36, 35, 0, 21, 36, 7], dtype=np.uint8)
    same_as_sklearn(learner, t, p, 37)
    same_as_sklearn(learner, t.astype(np.int16), p.astype(np.uint32), 37, 1.0)
    same(learner, np.array([1, 0]), np.array([1, 1]), np.int64(2))
    same(learner, np.array([1, 0, 5]), np.array([1, 1, 5]), np.uint8(20))


def test_per_class_precision_recall_matches_sklearn_on_random_labels(learner):
    for rng in cc.random_cases(30, seed=11):
        n = rng.randint(1, 3 + rng.case)
        m = rng.randint(1, 5 + 4 * rng.case)
        g = rng.numpy()
        y_true = g.integers(0, n, m)
        y_pred = np.where(g.random(m) < 0.6, y_true, g.integers(0, n, m))
        if rng.case % 4 == 3:
            y_pred = np.minimum(y_pred, max(n - 2, 0))  # some classes never predicted
        if rng.case % 5 == 4:
            y_true = np.minimum(y_true, max(n - 2, 0))  # some classes never in y_true
        same_as_sklearn(learner, y_true, y_pred, n, float(rng.case % 2))


def test_per_class_precision_recall_leaves_its_inputs_unchanged(learner):
    same(learner, np.array([2, 0, 1, 1]), np.array([2, 1, 1, 0]), 3)
    same(learner, [2, 0, 1, 1], [2, 1, 1, 0], 3)


def test_per_class_precision_recall_rejects_n_classes_that_is_not_a_positive_integer(learner):
    t, p = np.array([0, 1]), np.array([1, 0])
    for n in (0, -2, 2.0, True, "2", None):
        cc.expect_raises(ValueError, learner.per_class_precision_recall, t, p, n)
    cc.expect_raises(ValueError, learner.per_class_precision_recall, [], [], 0)


def test_per_class_precision_recall_rejects_inputs_that_are_not_1d(learner):
    f = learner.per_class_precision_recall
    cc.expect_raises(ValueError, f, np.array([[0, 1]]), np.array([[1, 0]]), 2)
    cc.expect_raises(ValueError, f, np.array([0, 1]), np.array([[1, 0]]), 2)
    cc.expect_raises(ValueError, f, np.array([[0, 1]]), np.array([1, 0]), 2)
    cc.expect_raises(ValueError, f, np.array(1), np.array(1), 2)
    cc.expect_raises(ValueError, f, np.array(1), np.array([1]), 2)


def test_per_class_precision_recall_rejects_lengths_that_differ(learner):
    f = learner.per_class_precision_recall
    cc.expect_raises(ValueError, f, np.array([0, 1, 1]), np.array([1, 0]), 2)
    cc.expect_raises(ValueError, f, [0], [0, 1], 2)
    cc.expect_raises(ValueError, f, [], [1], 2)


def test_per_class_precision_recall_rejects_labels_that_are_not_integers(learner):
    f = learner.per_class_precision_recall
    cc.expect_raises(ValueError, f, np.array([0.0, 1.0]), np.array([1, 0]), 2)
    cc.expect_raises(ValueError, f, np.array([0, 1]), np.array([1.0, 0.0]), 2)
    cc.expect_raises(ValueError, f, [0, 1.5], [1, 0], 2)
    cc.expect_raises(ValueError, f, np.array([True, False]), np.array([1, 0]), 2)
    cc.expect_raises(ValueError, f, np.array([1, 0]), np.array([False, True]), 2)


def test_per_class_precision_recall_rejects_labels_out_of_range(learner):
    f = learner.per_class_precision_recall
    cc.expect_raises(ValueError, f, np.array([0, -1]), np.array([1, 0]), 2)
    cc.expect_raises(ValueError, f, np.array([0, 1]), np.array([-1, 0]), 2)
    cc.expect_raises(ValueError, f, np.array([0, 2]), np.array([1, 0]), 2)
    cc.expect_raises(ValueError, f, np.array([0, 1]), np.array([1, 2]), 2)
    cc.expect_raises(ValueError, f, np.array([5, 1]), np.array([1, 1]), 3)
    cc.expect_raises(ValueError, f, np.array([1, 1]), np.array([1, 7]), 3)
    # Labels that still index a cell of the matrix when counted as true * n + predicted:
    cc.expect_raises(ValueError, f, np.array([0, 1]), np.array([3, 0]), 3)
    cc.expect_raises(ValueError, f, np.array([1, 1]), np.array([-1, 2]), 3)


def test_per_class_precision_recall_uses_numpy_only(learner):
    for name, value in vars(learner).items():
        module = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
        cc.expect(not (isinstance(module, str) and module.split(".")[0] in ("sklearn", "torch", "torchmetrics")),
                  f"your file imports {module} (as {name}); the task is to compute the metrics in numpy: "
                  "remove the import", input="your file")
