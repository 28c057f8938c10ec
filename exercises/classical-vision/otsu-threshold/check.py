"""Checks otsu_threshold against the task's rule, computed exactly (the
between-class variance as a fraction of integers, the smallest t of the
maximum, 0 when no t splits the image), and on the random and large images
also against OpenCV 4.6's
int(cv2.threshold(img, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[0]) when
OpenCV is installed.

The two agree except where two different splits tie exactly: OpenCV keeps the
first maximum (it updates only on a strictly larger variance) and skips
thresholds that leave a class empty, so a plateau (every t between two
neighbouring values) gives its smallest t in both; but OpenCV sums in floating
point, and on 0, 100, 200 in equal numbers (t = 0 and t = 100 tie) it returns
100. The tie tests therefore use the exact rule only; the random images have
no exact tie between splits. Thresholds compare exactly."""

import types
from fractions import Fraction

import numpy as np

import coursecheck as cc

try:
    import cv2
except ImportError:
    cv2 = None


def opencv_otsu(img):
    """What OpenCV returns (the exact rule without OpenCV)."""
    if cv2 is not None:
        return int(cv2.threshold(np.ascontiguousarray(img), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[0])
    return otsu_threshold(img)


def otsu_threshold(img):
    """The task's rule, in exact arithmetic."""
    h = [int(c) for c in np.bincount(img.ravel(), minlength=256)]
    n, total = sum(h), sum(v * c for v, c in enumerate(h))
    best, best_t, n0, s0 = None, 0, 0, 0
    for t in range(256):
        n0, s0 = n0 + h[t], s0 + t * h[t]
        n1, s1 = n - n0, total - s0
        if n0 and n1:
            v = Fraction((s0 * n1 - s1 * n0) ** 2, n0 * n1)
            if best is None or v > best:
                best, best_t = v, t
    return best_t


def differ(actual, expected):
    if isinstance(actual, bool) or not isinstance(actual, (int, np.integer)):
        return f"expected the integer {expected}, got {cc.show(actual)} of type {type(actual).__name__}"
    if actual != expected:
        return f"expected {expected}, got {int(actual)}"
    return None


def same(learner, img):
    return cc.compare(learner.otsu_threshold, otsu_threshold, img, differ=differ)


def same_as_opencv(learner, img):
    same(learner, img)
    return cc.compare(learner.otsu_threshold, opencv_otsu, img, differ=differ)


def bimodal(g, shape, m0, m1, sd0, sd1, frac0):
    """Two Gaussian populations of gray values, rounded and clipped to uint8."""
    n = shape[0] * shape[1]
    first = g.random(n) < frac0
    values = np.where(first, g.normal(m0, sd0, n), g.normal(m1, sd1, n))
    return np.clip(np.rint(values), 0, 255).astype(np.uint8).reshape(shape)


def test_otsu_threshold_splits_a_bimodal_image(learner):
    same(learner, bimodal(np.random.default_rng(1), (40, 50), 60, 170, 15, 20, 0.5))


def test_otsu_threshold_returns_an_integer(learner):
    img = np.array([[10, 10, 200, 200]], dtype=np.uint8)
    out = cc.call(learner.otsu_threshold, img)
    cc.expect(isinstance(out, (int, np.integer)) and not isinstance(out, bool),
              f"otsu_threshold(array([[10, 10, 200, 200]], dtype=uint8)) should return an integer, got "
              f"{cc.show(out)} of type {type(out).__name__}", expected="10 (an int)",
              actual=f"{cc.show(out)} ({type(out).__name__})")


def test_otsu_threshold_puts_the_pixels_equal_to_t_in_class_0(learner):
    # Two values: every t from 50 to 199 splits them the same way; the
    # smallest is 50, which is itself a pixel value (class 0 is <= t).
    same(learner, np.array([[50, 50, 200, 200]], dtype=np.uint8))
    same(learner, np.array([[0, 255]], dtype=np.uint8))
    same(learner, np.array([[0, 1, 1, 1], [1, 1, 1, 1]], dtype=np.uint8))


def test_otsu_threshold_returns_the_smallest_t_of_a_tie(learner):
    # 0, 100, 200 in equal numbers: t in 0..99 and t in 100..199 give the
    # same between-class variance (5000); the answer is 0 (OpenCV, rounding,
    # returns 100: the task's rule is the exact one).
    same(learner, np.array([[0, 100, 200]], dtype=np.uint8))
    same(learner, np.array([[0, 100, 200], [200, 100, 0]], dtype=np.uint8))
    same(learner, np.array([[30, 30, 90, 90, 150, 150]], dtype=np.uint8))
    same(learner, np.array([[7, 9]], dtype=np.uint8))


def test_otsu_threshold_of_a_constant_image_is_0(learner):
    for value in (0, 77, 255):
        same(learner, np.full((4, 5), value, dtype=np.uint8))
    same(learner, np.array([[123]], dtype=np.uint8))


def test_otsu_threshold_is_not_the_mean(learner):
    # A small bright population: the mean sits inside the dark mode.
    g = np.random.default_rng(2)
    same(learner, bimodal(g, (60, 60), 40, 200, 10, 10, 0.9))
    same(learner, bimodal(g, (60, 60), 40, 200, 10, 30, 0.2))


def test_otsu_threshold_weighs_the_classes_by_their_size(learner):
    g = np.random.default_rng(3)
    same(learner, bimodal(g, (50, 40), 80, 150, 5, 30, 0.7))
    same(learner, bimodal(g, (50, 40), 20, 230, 25, 3, 0.3))


def test_otsu_threshold_matches_opencv_on_random_images(learner):
    for rng in cc.random_cases(30, seed=13):
        g = rng.numpy()
        shape = (rng.randint(1, 10 + 4 * rng.case), rng.randint(1, 10 + 4 * rng.case))
        kind = rng.case % 3
        if kind == 0:
            img = g.integers(0, 256, shape, dtype=np.uint8)
        elif kind == 1:
            lo = rng.randint(0, 200)
            img = g.integers(lo, rng.randint(lo + 1, 256) + 1, shape, dtype=np.uint8)
        else:
            img = bimodal(g, shape, rng.uniform(20, 120), rng.uniform(130, 240), rng.uniform(2, 30),
                          rng.uniform(2, 30), rng.uniform(0.1, 0.9))
        same_as_opencv(learner, img)


def test_otsu_threshold_matches_opencv_on_a_large_image(learner):
    same_as_opencv(learner, bimodal(np.random.default_rng(4), (480, 640), 90, 160, 25, 25, 0.6))


def test_otsu_threshold_accepts_views_and_leaves_img_unchanged(learner):
    big = bimodal(np.random.default_rng(5), (30, 40), 50, 180, 20, 20, 0.4)
    same(learner, big[::2, 1::3])  # compare() fails if img changed


def test_otsu_threshold_rejects_images_that_are_not_2d_uint8(learner):
    cc.expect_raises(ValueError, learner.otsu_threshold, np.zeros((4, 4, 3), dtype=np.uint8))
    cc.expect_raises(ValueError, learner.otsu_threshold, np.zeros(5, dtype=np.uint8))
    cc.expect_raises(ValueError, learner.otsu_threshold, np.zeros((4, 4), dtype=np.float64))
    cc.expect_raises(ValueError, learner.otsu_threshold, np.zeros((4, 4), dtype=np.int64))


def _names(code):
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const)
    return names


def test_otsu_threshold_uses_numpy_only(learner):
    for name, value in vars(learner).items():
        module = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
        cc.expect(not (isinstance(module, str) and module.split(".")[0] in ("cv2", "scipy", "skimage")),
                  f"your file imports {module} (as {name}); the task is to write Otsu's method in numpy: "
                  "remove the import", input="your file")
    used = _names(learner.otsu_threshold.__code__) & {"cv2", "scipy", "skimage", "threshold", "threshold_otsu"}
    cc.expect(not used, f"otsu_threshold uses {', '.join(sorted(used))}; write the method yourself",
              input="otsu_threshold's code")
