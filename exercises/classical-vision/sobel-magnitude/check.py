"""Checks sobel_magnitude against OpenCV 4.6: np.hypot of
cv2.Sobel(img, cv2.CV_64F, 1, 0, ksize=3) and cv2.Sobel(img, cv2.CV_64F, 0, 1,
ksize=3) (default border, BORDER_REFLECT_101) when OpenCV is installed, else
against a numpy reference (np.pad with mode="reflect", then the separable
[1, 2, 1] x [-1, 0, 1] sums), which agrees with OpenCV exactly on uint8 images
and to 1e-12 on the float images here.

The tolerance, 1e-8 absolute plus 1e-9 relative, only absorbs the order of
the sums; every mistake below is off by at least 1 somewhere."""

import time
import types

import numpy as np

import coursecheck as cc

try:
    import cv2
except ImportError:
    cv2 = None

RTOL, ATOL = 1e-9, 1e-8
TIME_FACTOR, TIME_FLOOR = 10, 1.0


def sobel_magnitude(img):
    """The reference: what OpenCV gives."""
    if cv2 is not None:
        img = np.ascontiguousarray(img)
        return np.hypot(cv2.Sobel(img, cv2.CV_64F, 1, 0, ksize=3), cv2.Sobel(img, cv2.CV_64F, 0, 1, ksize=3))
    p = np.pad(img.astype(np.float64), 1, mode="reflect")
    d = p[:, 2:] - p[:, :-2]
    e = p[2:, :] - p[:-2, :]
    return np.hypot(d[:-2] + 2 * d[1:-1] + d[2:], e[:, :-2] + 2 * e[:, 1:-1] + e[:, 2:])


def close(actual, expected):
    d = cc.describe_difference(actual, expected, rtol=RTOL, atol=ATOL)
    if d and isinstance(actual, np.ndarray) and actual.shape == expected.shape and actual.dtype == expected.dtype:
        worst = np.unravel_index(np.argmax(np.abs(actual - expected)), expected.shape)
        d += (f"; the largest difference is at row {worst[0]}, column {worst[1]}: expected "
              f"{expected[worst]:.6g}, got {actual[worst]:.6g}")
    return d


def same(learner, img):
    return cc.compare(learner.sobel_magnitude, sobel_magnitude, img, differ=close)


def test_sobel_magnitude_of_a_vertical_step_is_40_on_both_sides_of_it(learner):
    # 0 0 0 10 10 10: gx = 4 * 10 = 40 in columns 2 and 3, 0 elsewhere.
    img = np.zeros((5, 6), dtype=np.uint8)
    img[:, 3:] = 10
    same(learner, img)


def test_sobel_magnitude_returns_float64_of_the_image_shape(learner):
    img = np.arange(35, dtype=np.uint8).reshape(5, 7)
    out = cc.call(learner.sobel_magnitude, img)
    cc.expect(isinstance(out, np.ndarray) and out.shape == (5, 7) and out.dtype == np.float64,
              f"sobel_magnitude(array(shape=(5, 7), dtype=uint8)) should return a float64 array of shape (5, 7), "
              f"got {_brief(out)}", expected="array(shape=(5, 7), dtype=float64)", actual=_brief(out))


def test_sobel_magnitude_finds_horizontal_edges_too(learner):
    img = np.zeros((6, 5), dtype=np.float64)
    img[3:, :] = 100.0
    same(learner, img)


def test_sobel_magnitude_smooths_with_1_2_1(learner):
    # A single bright pixel: the Sobel response around it is 1, 2, 1 times the
    # difference, not 1, 1, 1 (Prewitt).
    img = np.zeros((7, 7))
    img[3, 3] = 8.0
    same(learner, img)


def test_sobel_magnitude_is_the_euclidean_norm_not_l1(learner):
    # A diagonal edge: gx and gy both nonzero, so sqrt(gx^2 + gy^2) < |gx| + |gy|.
    img = np.triu(np.full((7, 7), 90.0))
    same(learner, img)


def test_sobel_magnitude_pads_with_reflect_101(learner):
    # A ramp: reflect-101 makes the border derivative 0 across the edge
    # (row -1 is row 1), zero padding a large false edge, reflect a half one.
    ramp = (10 * np.arange(5)[:, None] + 3 * np.arange(6)[None, :]).astype(np.float64)
    same(learner, ramp)
    same(learner, (ramp ** 2 / 10))


def test_sobel_magnitude_computes_uint8_in_float(learner):
    # Neighbours 3 and 5: in uint8, 3 - 5 wraps to 254.
    img = np.array([[5, 3, 5, 3, 5], [3, 5, 3, 5, 3], [5, 3, 9, 3, 5], [3, 5, 3, 5, 3]], dtype=np.uint8)
    same(learner, img)
    g = np.random.default_rng(2)
    same(learner, g.integers(0, 256, (9, 8), dtype=np.uint8))


def test_sobel_magnitude_handles_images_one_pixel_wide_or_high(learner):
    g = np.random.default_rng(4)
    for shape in [(1, 1), (1, 6), (6, 1), (2, 2), (2, 5), (3, 1)]:
        same(learner, g.uniform(0, 255, shape))


def test_sobel_magnitude_matches_opencv_on_random_images(learner):
    for rng in cc.random_cases(25, seed=9):
        g = rng.numpy()
        h, w = rng.randint(1, 6 + 3 * rng.case), rng.randint(1, 6 + 3 * rng.case)
        if rng.case % 2:
            img = g.integers(0, 256, (h, w), dtype=np.uint8)
        else:
            img = g.uniform(0, 255, (h, w))
        same(learner, img)


def test_sobel_magnitude_accepts_views_of_larger_arrays(learner):
    big = np.random.default_rng(6).integers(0, 256, (12, 14), dtype=np.uint8)
    same(learner, big[1:11:2, ::3])


def test_sobel_magnitude_returns_a_new_array_and_leaves_img_unchanged(learner):
    img = np.random.default_rng(8).uniform(0, 255, (6, 6))

    def sobel_magnitude(img):  # named like the learner's, for the message
        return img, learner.sobel_magnitude(img)

    img2, out = cc.call(sobel_magnitude, img)
    cc.expect(not (isinstance(out, np.ndarray) and np.shares_memory(out, img2)),
              "sobel_magnitude(array(shape=(6, 6), dtype=float64)) returned an array that shares memory with img; "
              "return a new array", expected="a new array", actual="a view of img")
    same(learner, img)  # compare() fails if img changed


def test_sobel_magnitude_rejects_arrays_that_are_not_2d(learner):
    cc.expect_raises(ValueError, learner.sobel_magnitude, np.zeros((4, 4, 3), dtype=np.uint8))
    cc.expect_raises(ValueError, learner.sobel_magnitude, np.zeros(5))


def _brief(x):
    if isinstance(x, np.ndarray):
        return f"array(shape={x.shape}, dtype={x.dtype})"
    return type(x).__name__


def _names(code):
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const)
    return names


def test_sobel_magnitude_uses_numpy_only(learner):
    for name, value in vars(learner).items():
        module = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
        cc.expect(not (isinstance(module, str) and module.split(".")[0] in ("cv2", "scipy", "skimage")),
                  f"your file imports {module} (as {name}); the task is to write the Sobel sums in numpy: "
                  "remove the import", input="your file")
    used = _names(learner.sobel_magnitude.__code__) & {"cv2", "scipy", "skimage", "Sobel", "sobel"}
    cc.expect(not used, f"sobel_magnitude uses {', '.join(sorted(used))}; write the sums with numpy instead",
              input="sobel_magnitude's code")


def test_sobel_magnitude_is_vectorised(learner, ref):
    img = np.random.default_rng(11).integers(0, 256, (512, 512), dtype=np.uint8)
    ref_time = min(_timed(ref.sobel_magnitude, img)[1] for _ in range(2))
    limit = max(TIME_FACTOR * ref_time, TIME_FLOOR)
    out, took = _timed(learner.sobel_magnitude, img)
    cc.expect(took <= limit,
              f"sobel_magnitude(array(shape=(512, 512), dtype=uint8)) took {took:.2f} s; the reference took "
              f"{ref_time:.3f} s here, so the limit is {limit:.2f} s. Add shifted slices of the padded image "
              "instead of looping over pixels.",
              input="sobel_magnitude(array(shape=(512, 512), dtype=uint8))",
              expected=f"at most {limit:.2f} s", actual=f"{took:.2f} s")
    d = close(out, sobel_magnitude(img))
    cc.expect(d is None, f"sobel_magnitude on the 512 x 512 image: {d}")


def _timed(fn, *args):
    args = [a.copy() for a in args]
    start = time.perf_counter()
    out = cc.call(fn, *args)
    return out, time.perf_counter() - start
