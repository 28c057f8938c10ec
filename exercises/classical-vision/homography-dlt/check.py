"""Checks homography_dlt against the task's rule (the normalised DLT, computed
in float64 by solution.py) and, on exact correspondences, against OpenCV 4.6's
cv2.findHomography(src, dst, 0) when OpenCV is installed.

Tolerances. Against the rule: entry by entry, relative 1e-8 (absolute 1e-12).
The algebraic solution of the normalised system is well conditioned, so any
correct solver (the SVD, or an eigenvector of A^T A) lands within about 1e-12
of it; a different normalisation (mean distance 1, per-axis scales) or none
moves it by 1e-6 or more on noisy points. Against OpenCV: the points each H
maps src to agree within 1e-3 pixels. OpenCV reads the points as float32 and,
with more than 4 points, refines H by Levenberg-Marquardt on the reprojection
error; on exact correspondences in a 640 x 480 frame both land within about
1e-5 pixels of each other."""

import types

import numpy as np

import coursecheck as cc

try:
    import cv2
except ImportError:
    cv2 = None

RTOL, ATOL, PIXELS = 1e-8, 1e-12, 1e-3


def project(h, p):
    q = np.hstack([p, np.ones((len(p), 1))]) @ np.asarray(h, dtype=np.float64).T
    return q[:, :2] / q[:, 2:3]


def random_h(g):
    """A homography that keeps a 640 x 480 frame in view: a little rotation,
    scale, shear, translation and perspective."""
    h = np.eye(3) + g.normal(0, [[0.15, 0.15, 40], [0.15, 0.15, 40], [2e-4, 2e-4, 0]])
    return h / h[2, 2]


def differ(actual, expected):
    if not isinstance(actual, np.ndarray):
        return f"expected a numpy array, got {type(actual).__name__}"
    if actual.shape != (3, 3):
        return f"expected shape (3, 3), got {actual.shape}"
    if actual.dtype != np.float64:
        return f"expected dtype float64, got {actual.dtype}"
    if not np.all(np.isfinite(actual)):
        return "H holds NaN or infinite entries"
    bad = np.abs(actual - expected) > ATOL + RTOL * np.abs(expected)
    if bad.any():
        i, j = (int(k) for k in np.argwhere(bad)[0])
        rel = np.max(np.abs(actual - expected) / (np.abs(expected) + ATOL))
        return (f"{int(bad.sum())} of 9 entries differ by more than {RTOL:g} relative; first at [{i}, {j}]: "
                f"expected {expected[i, j]!r}, got {actual[i, j]!r} (largest relative difference {rel:.2e})")
    return None


def same(learner, src, dst):
    return cc.compare(learner.homography_dlt, homography_dlt, src, dst, differ=differ)


def _normalise(p):
    c = p.mean(axis=0)
    s = np.sqrt(2) / np.sqrt(((p - c) ** 2).sum(axis=1)).mean()
    return np.array([[s, 0, -s * c[0]], [0, s, -s * c[1]], [0, 0, 1]])


def homography_dlt(src, dst):
    """The task's rule: the normalised DLT, solved by the SVD, H[2, 2] = 1."""
    src, dst = np.asarray(src, np.float64), np.asarray(dst, np.float64)
    ts, td = _normalise(src), _normalise(dst)
    x, u = project(ts, src), project(td, dst)
    rows = []
    for (a, b), (p, q) in zip(x, u):
        rows.append([-a, -b, -1, 0, 0, 0, p * a, p * b, p])
        rows.append([0, 0, 0, -a, -b, -1, q * a, q * b, q])
    h = np.linalg.inv(td) @ np.linalg.svd(np.array(rows))[2][-1].reshape(3, 3) @ ts
    return h / h[2, 2]


def opencv_h(src, dst):
    if cv2 is None:
        return homography_dlt(src, dst)
    h, _ = cv2.findHomography(np.asarray(src, np.float64), np.asarray(dst, np.float64), 0)
    return h


def same_as_opencv(learner, src, dst):
    h = same(learner, src, dst)
    expected = opencv_h(src, dst)
    gap = np.abs(project(h, np.asarray(src, np.float64)) - project(expected, np.asarray(src, np.float64)))
    worst = int(np.argmax(gap.max(axis=1)))
    cc.expect(gap.max() <= PIXELS,
              f"homography_dlt(src, dst) maps src[{worst}] = {src[worst].tolist()} {gap.max():.3g} pixels away from "
              f"where cv2.findHomography(src, dst, 0) maps it (tolerance {PIXELS:g})",
              expected=cc.show(expected), actual=cc.show(h))


def exact_case(g, n, lo=0.0, hi=640.0):
    """n points in a frame and their exact images (rounded to float32, as OpenCV reads them)."""
    h = random_h(g)
    src = g.uniform(lo, hi, (n, 2)).astype(np.float32).astype(np.float64)
    dst = project(h, src).astype(np.float32).astype(np.float64)
    return src, dst


def noisy_case(g, n, sigma, lo=0.0, hi=640.0):
    h = random_h(g)
    src = g.uniform(lo, hi, (n, 2))
    return src, project(h, src) + g.normal(0, sigma, (n, 2))


def test_homography_dlt_maps_four_points_onto_four_points(learner):
    # A square onto a quadrilateral: exact, so this is also OpenCV's answer.
    src = np.array([[0.0, 0.0], [100.0, 0.0], [100.0, 100.0], [0.0, 100.0]])
    dst = np.array([[10.0, 20.0], [210.0, 30.0], [190.0, 160.0], [30.0, 140.0]])
    same_as_opencv(learner, src, dst)


def test_homography_dlt_returns_float64_3x3_with_h22_equal_to_1(learner):
    src = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    dst = np.array([[3.0, 4.0], [5.0, 4.5], [5.5, 7.0], [2.5, 6.0]])
    h = cc.call(learner.homography_dlt, src, dst)
    cc.expect(isinstance(h, np.ndarray) and h.shape == (3, 3) and h.dtype == np.float64,
              f"homography_dlt should return a (3, 3) float64 numpy array, got {cc.show(h)}",
              expected="array of shape (3, 3), dtype float64", actual=cc.show(h))
    cc.expect(abs(h[2, 2] - 1) <= 1e-12,
              f"H[2, 2] should be 1 (divide H by its bottom-right entry), got {h[2, 2]!r}",
              expected="H[2, 2] == 1", actual=cc.show(h))
    same(learner, src, dst)


def test_homography_dlt_accepts_lists(learner):
    same(learner, [[0, 0], [4, 0], [4, 3], [0, 3], [2, 1]], [[1, 1], [9, 2], [8, 7], [0, 6], [4.5, 3.2]])


def test_homography_dlt_is_the_normalised_least_squares_solution_on_noisy_points(learner):
    # More than 4 noisy points: the answer depends on the normalisation
    # (centroid to the origin, mean distance sqrt(2)), so this pins it.
    g = np.random.default_rng(7)
    for n, sigma in ((5, 2.0), (12, 1.0), (40, 0.5), (200, 3.0)):
        same(learner, *noisy_case(g, n, sigma))


def test_homography_dlt_survives_badly_scaled_points(learner):
    # Coordinates in the tens of thousands (a tile of a large map): without
    # normalisation the system's condition number is about 1e10 or worse.
    g = np.random.default_rng(8)
    src, dst = noisy_case(g, 30, 0.5, lo=40000.0, hi=41000.0)
    dst = dst + 25000.0
    same(learner, src, dst)
    src, dst = exact_case(g, 10, lo=0.0, hi=5.0)
    same(learner, src * 1000.0, dst * 1000.0)


def test_homography_dlt_matches_opencv_on_random_exact_correspondences(learner):
    for rng in cc.random_cases(20, seed=17):
        g = rng.numpy()
        n = 4 + rng.randint(0, 2 + 2 * rng.case)
        same_as_opencv(learner, *exact_case(g, n))


def test_homography_dlt_matches_the_rule_on_random_noisy_points(learner):
    for rng in cc.random_cases(20, seed=19):
        g = rng.numpy()
        n = 5 + rng.randint(0, 3 * rng.case)
        same(learner, *noisy_case(g, n, rng.uniform(0.2, 4.0)))


def test_homography_dlt_rejects_points_that_are_not_n_by_2(learner):
    four = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    cc.expect_raises(ValueError, learner.homography_dlt, np.hstack([four, np.ones((4, 1))]), four)
    cc.expect_raises(ValueError, learner.homography_dlt, four, four.ravel())
    cc.expect_raises(ValueError, learner.homography_dlt, four[None], four[None])
    # Both of the same wrong shape, (8, 1): eight numbers, one per point.
    cc.expect_raises(ValueError, learner.homography_dlt, four.reshape(8, 1), four.reshape(8, 1) + 1)


def test_homography_dlt_rejects_fewer_than_4_points(learner):
    three = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]])
    cc.expect_raises(ValueError, learner.homography_dlt, three, three + 1)
    cc.expect_raises(ValueError, learner.homography_dlt, np.zeros((0, 2)), np.zeros((0, 2)))


def test_homography_dlt_rejects_src_and_dst_of_different_lengths(learner):
    five = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.5, 0.3]])
    cc.expect_raises(ValueError, learner.homography_dlt, five, five[:4])
    cc.expect_raises(ValueError, learner.homography_dlt, five[:4], five)


def test_homography_dlt_rejects_points_that_all_coincide(learner):
    same_point = np.full((4, 2), 3.0)
    square = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    cc.expect_raises(ValueError, learner.homography_dlt, same_point, square)
    cc.expect_raises(ValueError, learner.homography_dlt, square, same_point)


def _names(code):
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const)
    return names


def test_homography_dlt_uses_numpy_only(learner):
    for name, value in vars(learner).items():
        module = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
        cc.expect(not (isinstance(module, str) and module.split(".")[0] in ("cv2", "scipy", "skimage")),
                  f"your file imports {module} (as {name}); the task is to write the DLT in numpy: "
                  "remove the import", input="your file")
    used = _names(learner.homography_dlt.__code__) & {"cv2", "findHomography", "getPerspectiveTransform"}
    cc.expect(not used, f"homography_dlt uses {', '.join(sorted(used))}; write the DLT yourself",
              input="homography_dlt's code")
