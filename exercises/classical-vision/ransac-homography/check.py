"""Checks ransac_homography against the task's rule, written out below
(ransac): sample with rng.choice(n, size=4, replace=False) once per iteration,
fit with the file's homography_dlt, count the points whose reprojection error
(after dividing by w) is <= threshold, keep the first model with the most
inliers, refit on its inliers.

Several tests replace the learner's homography_dlt with a stub that records
its arguments and returns chosen matrices (translations, the identity, 2 * I),
so that reprojection errors are exact and the sampling order, the inlier rule
at exactly the threshold, the tie rule and the refit can be checked exactly.
The others run the learner's own homography_dlt on synthetic data and compare
with the rule (H entry by entry within 1e-8 relative, the mask exactly) and,
when OpenCV is installed, the inlier mask with
cv2.findHomography(src, dst, cv2.RANSAC, threshold) on data where every
outlier is far from the model (OpenCV's own sampling differs, but the
inliers are unambiguous there: the inliers are within 0.05 pixels of the
model, every outlier is 30 pixels or more away)."""

import random
import types

import numpy as np

import coursecheck as cc

try:
    import cv2
except ImportError:
    cv2 = None

RTOL, ATOL = 1e-8, 1e-12


# ---------------------------------------------------------------- the rule

def project(h, p):
    q = np.hstack([p, np.ones((len(p), 1))]) @ np.asarray(h, dtype=np.float64).T
    with np.errstate(divide="ignore", invalid="ignore"):
        return q[:, :2] / q[:, 2:3]


def _normalise(p):
    c = p.mean(axis=0)
    s = np.sqrt(2) / np.sqrt(((p - c) ** 2).sum(axis=1)).mean()
    return np.array([[s, 0, -s * c[0]], [0, s, -s * c[1]], [0, 0, 1]])


def dlt(src, dst):
    """The normalised DLT, H[2, 2] = 1."""
    ts, td = _normalise(src), _normalise(dst)
    x, u = project(ts, src), project(td, dst)
    rows = []
    for (a, b), (p, q) in zip(x, u):
        rows.append([-a, -b, -1, 0, 0, 0, p * a, p * b, p])
        rows.append([0, 0, 0, -a, -b, -1, q * a, q * b, q])
    h = np.linalg.inv(td) @ np.linalg.svd(np.array(rows))[2][-1].reshape(3, 3) @ ts
    return h / h[2, 2]


def ransac(src, dst, threshold, iterations, rng, fit=dlt):
    src, dst = np.asarray(src, np.float64), np.asarray(dst, np.float64)
    best = None
    for _ in range(iterations):
        idx = rng.choice(len(src), size=4, replace=False)
        h = fit(src[idx], dst[idx])
        mask = np.sqrt(((project(h, src) - dst) ** 2).sum(axis=1)) <= threshold
        if best is None or mask.sum() > best[1].sum():
            best = (h, mask)
    h, mask = best
    if mask.sum() < 4:
        return h, mask
    return fit(src[mask], dst[mask]), mask


def ransac_homography(src, dst, threshold, iterations, rng):
    return ransac(src, dst, threshold, iterations, rng)


# ---------------------------------------------------------------- helpers

def differ(actual, expected):
    if not isinstance(actual, tuple) or len(actual) != 2:
        return f"expected a tuple (H, inlier_mask), got {cc.show(actual, 200)}"
    h, mask = actual
    eh, emask = expected
    if not isinstance(mask, np.ndarray) or mask.dtype != np.bool_ or mask.shape != emask.shape:
        return f"expected inlier_mask as a bool numpy array of shape {emask.shape}, got {cc.show(mask, 200)}"
    if not np.array_equal(mask, emask):
        extra, missing = np.flatnonzero(mask & ~emask), np.flatnonzero(emask & ~mask)
        return (f"the inlier mask differs: {int(emask.sum())} inliers expected, {int(mask.sum())} returned; "
                f"marked but not inliers: {extra.tolist()[:10]}; inliers not marked: {missing.tolist()[:10]}")
    if not isinstance(h, np.ndarray) or h.shape != (3, 3) or h.dtype != np.float64:
        return f"expected H as a (3, 3) float64 numpy array, got {cc.show(h, 200)}"
    bad = ~(np.abs(h - eh) <= ATOL + RTOL * np.abs(eh))
    if bad.any():
        i, j = (int(k) for k in np.argwhere(bad)[0])
        return (f"the mask is right but H differs from the refit on the inliers: {int(bad.sum())} of 9 entries "
                f"differ by more than {RTOL:g} relative; first at [{i}, {j}]: expected {eh[i, j]!r}, got {h[i, j]!r}")
    return None


def random_h(g):
    h = np.eye(3) + g.normal(0, [[0.15, 0.15, 40], [0.15, 0.15, 40], [2e-4, 2e-4, 0]])
    return h / h[2, 2]


def scene(g, inliers, outliers, sigma=0.5, far=20.0):
    """Correspondences: inliers near H(src), outliers at least `far` pixels
    away from H(src), shuffled. Returns src, dst, the true inlier mask."""
    h = random_h(g)
    n = inliers + outliers
    src = g.uniform(0, 640, (n, 2))
    dst = project(h, src)
    dst[:inliers] += g.normal(0, sigma, (inliers, 2))
    angle = g.uniform(0, 2 * np.pi, outliers)
    dist = g.uniform(far, far + 200, outliers)
    dst[inliers:] += np.stack([np.cos(angle), np.sin(angle)], axis=1) * dist[:, None]
    order = g.permutation(n)
    truth = np.arange(n) < inliers
    return src[order], dst[order], truth[order]


class Stub:
    """Stands in for homography_dlt: returns models[k] on call k, then refit."""

    def __init__(self, models, refit=None):
        self.models, self.refit, self.calls = models, refit, []

    def __call__(self, src, dst):
        self.calls.append((np.array(src, dtype=np.float64), np.array(dst, dtype=np.float64)))
        k = len(self.calls) - 1
        return np.array(self.models[k] if k < len(self.models) else self.refit, dtype=np.float64)


def with_stub(learner, stub, *args):
    """Run the learner's ransac_homography with homography_dlt replaced."""
    saved = learner.homography_dlt
    learner.homography_dlt = stub
    try:
        return cc.call(learner.ransac_homography, *args)
    finally:
        learner.homography_dlt = saved


def translation(tx, ty):
    return [[1.0, 0.0, tx], [0.0, 1.0, ty], [0.0, 0.0, 1.0]]


def expect_result(out, expected, what):
    d = differ(out, expected)
    cc.expect(d is None, f"{what}: {d}", expected=cc.show(expected), actual=cc.show(out))


# ---------------------------------------------------------------- tests

def test_ransac_homography_finds_the_inliers_among_outliers(learner):
    g = np.random.default_rng(3)
    src, dst, truth = scene(g, 30, 12)
    out = cc.compare(learner.ransac_homography, ransac_homography, src, dst, 3.0, 60,
                     np.random.default_rng(11), differ=differ)
    cc.expect(np.array_equal(out[1], truth), "the mask should mark exactly the 30 true inliers",
              expected=cc.show(truth), actual=cc.show(out[1]))


def test_ransac_homography_draws_each_sample_with_rng_choice(learner):
    # Point i is (i, i / 2): the stub reads back which indices each sample took.
    n, iterations = 12, 6
    src = np.stack([np.arange(n), np.arange(n) / 2], axis=1).astype(np.float64)
    stub = Stub([np.eye(3)] * iterations, np.eye(3))
    with_stub(learner, stub, src, src.copy(), 1.0, iterations, np.random.default_rng(5))
    g = np.random.default_rng(5)
    want = [g.choice(n, size=4, replace=False).tolist() for _ in range(iterations)]
    got = [c[0][:, 0].astype(int).tolist() if c[0].shape == (4, 2) else c[0].shape for c in stub.calls[:iterations]]
    cc.expect(got == want, "each iteration should fit the 4 points idx = rng.choice(n, size=4, replace=False) "
              "(in that order), drawn from the rng passed in",
              expected=f"samples {want}", actual=f"samples {got}")


def test_ransac_homography_runs_every_iteration_then_refits_once(learner):
    n, iterations = 10, 7
    src = np.stack([np.arange(n), np.arange(n) ** 2 / 9], axis=1).astype(np.float64)
    stub = Stub([np.eye(3)] * iterations, np.eye(3))
    with_stub(learner, stub, src, src.copy(), 1.0, iterations, np.random.default_rng(2))
    cc.expect(len(stub.calls) == iterations + 1,
              f"with {iterations} iterations homography_dlt should be called {iterations} times for the samples and "
              f"once for the refit, {iterations + 1} in all; it was called {len(stub.calls)} times",
              expected=f"{iterations + 1} calls", actual=f"{len(stub.calls)} calls")


def test_ransac_homography_counts_a_point_at_exactly_the_threshold_as_an_inlier(learner):
    # The identity model: each point's error is |offset|, exactly 5.0 for
    # (3, 4), (0, 5) and (-5, 0), more than 5 for (4, 4) and (0, 5.5).
    src = np.array([[0, 0], [10, 0], [20, 0], [0, 10], [10, 10], [20, 10], [0, 20], [10, 20]], dtype=np.float64)
    offsets = np.array([[0, 0], [3, 4], [0, 5], [-5, 0], [4, 4], [0, 5.5], [1, 1], [2, -2]], dtype=np.float64)
    stub = Stub([np.eye(3)] * 3, np.eye(3))
    out = with_stub(learner, stub, src, src + offsets, 5.0, 3, np.random.default_rng(0))
    expected = (np.eye(3), np.array([True, True, True, True, False, False, True, True]))
    expect_result(out, expected, "with H = I and threshold 5, the points whose error is exactly 5 are inliers "
                  "(error <= threshold, as OpenCV's RANSAC counts them)")


def test_ransac_homography_divides_by_w_before_measuring_the_error(learner):
    # 2 * I is the identity as a homography: [2x, 2y, 2] is the point (x, y).
    src = np.array([[1, 2], [30, 5], [12, 40], [50, 50], [7, 70]], dtype=np.float64)
    dst = src + [[0, 0.5], [0.5, 0], [0, 0], [60, 0], [0.25, 0.25]]
    stub = Stub([2 * np.eye(3)] * 2, np.eye(3) * 3)
    out = with_stub(learner, stub, src, dst, 1.0, 2, np.random.default_rng(1))
    expect_result(out, (3 * np.eye(3), np.array([True, True, True, False, True])),
                  "the model 2 * I maps every point to itself once [x', y', w] is divided by w")


def test_ransac_homography_keeps_the_first_model_with_the_most_inliers(learner):
    # Groups of points shifted by (0, 0): 6 points, (100, 0): 8, (0, 100): 8,
    # (50, 50): 3. The models try the four shifts in that order: the second
    # and third tie with 8 inliers; the first of them is kept, and the last
    # model (3 inliers) is not the answer.
    g = np.random.default_rng(4)
    shifts = [(0, 0)] * 6 + [(100, 0)] * 8 + [(0, 100)] * 8 + [(50, 50)] * 3
    src = g.uniform(0, 500, (len(shifts), 2))
    dst = src + np.array(shifts, dtype=np.float64)
    refit = translation(100.5, 0.25)
    stub = Stub([translation(0, 0), translation(100, 0), translation(0, 100), translation(50, 50)], refit)
    out = with_stub(learner, stub, src, dst, 1.0, 4, np.random.default_rng(6))
    mask = np.array([s == (100, 0) for s in shifts])
    expect_result(out, (np.array(refit), mask),
                  "models with 6, 8, 8 and 3 inliers: keep the first with 8 (replace only on strictly more), "
                  "then return the refit on its inliers")


def test_ransac_homography_refits_on_exactly_the_inliers(learner):
    g = np.random.default_rng(9)
    shifts = [(0, 0)] * 7 + [(40, 0)] * 5
    order = g.permutation(len(shifts))
    shifts = [shifts[i] for i in order]
    src = g.uniform(0, 300, (len(shifts), 2))
    dst = src + np.array(shifts, dtype=np.float64)
    refit = translation(0.125, -0.5)
    stub = Stub([translation(40, 0), translation(0, 0), translation(40, 0)], refit)
    out = with_stub(learner, stub, src, dst, 0.5, 3, np.random.default_rng(8))
    mask = np.array([s == (0, 0) for s in shifts])
    expect_result(out, (np.array(refit), mask), "the model with 7 inliers wins and H is the refit on them")
    cc.expect(len(stub.calls) == 4, f"homography_dlt should be called 3 times for the samples and once to refit, "
              f"got {len(stub.calls)} calls", expected="4 calls", actual=f"{len(stub.calls)} calls")
    s, d = stub.calls[-1]
    cc.expect(s.shape == (7, 2) and np.array_equal(s, src[mask]) and np.array_equal(d, dst[mask]),
              "the refit should be homography_dlt(src[inlier_mask], dst[inlier_mask]): the 7 inliers, in order",
              expected=cc.show(src[mask]), actual=cc.show(s))


def test_ransac_homography_returns_the_best_model_unrefit_when_it_has_fewer_than_4_inliers(learner):
    src = np.array([[0, 0], [10, 0], [20, 5], [0, 10], [10, 10], [3, 20]], dtype=np.float64)
    dst = src + [[0, 0], [0, 0], [0, 0], [30, 0], [0, 30], [30, 30]]
    first, second = translation(0, 0), translation(30, 0)
    stub = Stub([first, second], translation(7, 7))
    out = with_stub(learner, stub, src, dst, 1.0, 2, np.random.default_rng(3))
    expect_result(out, (np.array(first), np.array([True, True, True, False, False, False])),
                  "the best model has 3 inliers, fewer than 4: return it and its mask without a refit")
    cc.expect(len(stub.calls) == 2, f"no refit with fewer than 4 inliers: homography_dlt should be called twice, "
              f"got {len(stub.calls)} calls", expected="2 calls", actual=f"{len(stub.calls)} calls")


def test_ransac_homography_keeps_the_first_model_when_no_model_has_an_inlier(learner):
    src = np.array([[0, 0], [10, 0], [20, 5], [0, 10], [10, 10]], dtype=np.float64)
    first, second = translation(100, 0), translation(0, 100)
    stub = Stub([first, second], translation(7, 7))
    out = with_stub(learner, stub, src, src.copy(), 1.0, 2, np.random.default_rng(3))
    expect_result(out, (np.array(first), np.zeros(5, dtype=bool)),
                  "no model has an inlier: the first model is the best (a tie at 0), returned without a refit")


def test_ransac_homography_works_with_exactly_4_points_and_1_iteration(learner):
    g = np.random.default_rng(17)
    src, dst, _ = scene(g, 4, 0)
    cc.compare(learner.ransac_homography, ransac_homography, src, dst, 2.0, 1, np.random.default_rng(0), differ=differ)
    src, dst, _ = scene(g, 9, 3)
    cc.compare(learner.ransac_homography, ransac_homography, src, dst, 2.0, 1, np.random.default_rng(1), differ=differ)


def test_ransac_homography_leaves_the_global_random_state_alone(learner):
    g = np.random.default_rng(12)
    src, dst, _ = scene(g, 20, 8)
    np_before, py_before = np.random.get_state(), random.getstate()
    cc.call(learner.ransac_homography, src, dst, 3.0, 20, np.random.default_rng(1))
    np_after, py_after = np.random.get_state(), random.getstate()
    same = all(np.array_equal(a, b) if isinstance(a, np.ndarray) else a == b for a, b in zip(np_before, np_after))
    cc.expect(same and py_before == py_after,
              "ransac_homography changed the global random state (np.random or random); draw from the rng passed in",
              expected="np.random and random untouched", actual="the global state moved")


def test_ransac_homography_returns_a_float64_h_and_a_bool_mask(learner):
    g = np.random.default_rng(13)
    src, dst, _ = scene(g, 10, 2)
    out = cc.call(learner.ransac_homography, src, dst, 2.0, 10, np.random.default_rng(0))
    ok = (isinstance(out, tuple) and len(out) == 2 and isinstance(out[0], np.ndarray) and out[0].shape == (3, 3)
          and out[0].dtype == np.float64 and isinstance(out[1], np.ndarray) and out[1].dtype == np.bool_
          and out[1].shape == (12,))
    cc.expect(ok, "ransac_homography should return (H, inlier_mask): H a (3, 3) float64 array, inlier_mask a bool "
              "array of shape (N,)", expected="(array (3, 3) float64, array (12,) bool)", actual=cc.show(out))
    cc.expect(abs(out[0][2, 2] - 1) <= 1e-12, f"H[2, 2] should be 1, got {out[0][2, 2]!r}", actual=cc.show(out[0]))


def test_ransac_homography_matches_opencv_on_unambiguous_data(learner):
    for seed in (21, 22, 23):
        g = np.random.default_rng(seed)
        src, dst, truth = scene(g, 40, 15, sigma=0.05, far=30.0)
        h, mask = cc.compare(learner.ransac_homography, ransac_homography, src, dst, 3.0, 40,
                             np.random.default_rng(seed), differ=differ)
        if cv2 is not None:
            _, cv_mask = cv2.findHomography(src, dst, cv2.RANSAC, 3.0)
            cv_mask = cv_mask.ravel().astype(bool)
        else:
            cv_mask = truth
        cc.expect(np.array_equal(mask, cv_mask),
                  "the inliers differ from cv2.findHomography(src, dst, cv2.RANSAC, 3.0)'s mask",
                  expected=cc.show(cv_mask), actual=cc.show(mask))


def test_ransac_homography_matches_the_rule_on_random_scenes(learner):
    for rng in cc.random_cases(20, seed=29):
        g = rng.numpy()
        inliers = rng.randint(6, 10 + 2 * rng.case)
        outliers = rng.randint(0, inliers)
        src, dst, _ = scene(g, inliers, outliers, sigma=rng.uniform(0.1, 1.5), far=rng.uniform(5, 40))
        cc.compare(learner.ransac_homography, ransac_homography, src, dst, rng.uniform(1.0, 4.0),
                   rng.randint(1, 30), np.random.default_rng(rng.randint(0, 10**6)), differ=differ)


def test_ransac_homography_rejects_bad_points(learner):
    g = np.random.default_rng(14)
    src, dst, _ = scene(g, 8, 0)
    rng = np.random.default_rng(0)
    cc.expect_raises(ValueError, learner.ransac_homography, src[:3], dst[:3], 2.0, 10, rng)
    cc.expect_raises(ValueError, learner.ransac_homography, src, dst[:7], 2.0, 10, rng)
    cc.expect_raises(ValueError, learner.ransac_homography, np.hstack([src, src[:, :1]]), dst, 2.0, 10, rng)
    cc.expect_raises(ValueError, learner.ransac_homography, src.ravel(), dst.ravel(), 2.0, 10, rng)
    cc.expect_raises(ValueError, learner.ransac_homography, src.reshape(16, 1), dst.reshape(16, 1), 2.0, 10, rng)
    cc.expect_raises(ValueError, learner.ransac_homography, src, dst[:1], 2.0, 10, rng)


def test_ransac_homography_rejects_a_threshold_that_is_not_positive(learner):
    g = np.random.default_rng(15)
    src, dst, _ = scene(g, 8, 0)
    cc.expect_raises(ValueError, learner.ransac_homography, src, dst, 0.0, 10, np.random.default_rng(0))
    cc.expect_raises(ValueError, learner.ransac_homography, src, dst, -1.0, 10, np.random.default_rng(0))


def test_ransac_homography_rejects_fewer_than_1_iteration(learner):
    g = np.random.default_rng(16)
    src, dst, _ = scene(g, 8, 0)
    cc.expect_raises(ValueError, learner.ransac_homography, src, dst, 2.0, 0, np.random.default_rng(0))
    cc.expect_raises(ValueError, learner.ransac_homography, src, dst, 2.0, -3, np.random.default_rng(0))


def _names(code):
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const)
    return names


def test_ransac_homography_uses_numpy_only(learner):
    for name, value in vars(learner).items():
        module = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
        cc.expect(not (isinstance(module, str) and module.split(".")[0] in ("cv2", "scipy", "skimage")),
                  f"your file imports {module} (as {name}); the task is to write RANSAC in numpy: "
                  "remove the import", input="your file")
    used = _names(learner.ransac_homography.__code__) & {"cv2", "findHomography"}
    cc.expect(not used, f"ransac_homography uses {', '.join(sorted(used))}; write RANSAC yourself",
              input="ransac_homography's code")
