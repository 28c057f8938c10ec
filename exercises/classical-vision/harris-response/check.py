"""Checks harris_response against OpenCV 4.6's cv2.cornerHarris(img,
block_size, ksize, k) when OpenCV is installed, else against the numpy
reference below (the same formulas in float64), which agrees with OpenCV to
within the tolerance on every image here.

The tolerance is the task's: at every pixel |R - R_cv| <= 1e-6 * S, where S
is the largest trace(M)**2 over the image. R is a difference of terms as
large as trace(M)**2 and OpenCV rounds each step to float32 (2**-24 ~ 6e-8
relative), so its own rounding reaches about 1.2e-7 * S; 1e-6 leaves a
margin of 8 and every mistake is off by far more. A constant image has
S = 0, so R must be exactly 0 there (it is, in any order of the sums, for
the integer images used)."""

import types

import numpy as np

import coursecheck as cc

try:
    import cv2
except ImportError:
    cv2 = None

RTOL = 1e-6  # of S, the image's largest trace(M)**2

SMOOTH = {1: [1.0], 3: [1.0, 2.0, 1.0], 5: [1.0, 4.0, 6.0, 4.0, 1.0], 7: [1.0, 6.0, 15.0, 20.0, 15.0, 6.0, 1.0]}
DERIV = {1: [-1.0, 0.0, 1.0], 3: [-1.0, 0.0, 1.0], 5: [-1.0, -2.0, 0.0, 2.0, 1.0],
         7: [-1.0, -4.0, -5.0, 0.0, 5.0, 4.0, 1.0]}


def _pad(a, before_r, after_r, before_c, after_c):
    return np.pad(a, ((before_r, after_r), (before_c, after_c)), mode="reflect")


def structure_tensor(img, block_size, ksize):
    """a, b, c of M at every pixel (float64), the task's formulas."""
    f = img.astype(np.float64)
    h, w = f.shape
    scale = 1.0 / (2 ** (ksize - 1) * block_size * (255.0 if img.dtype == np.uint8 else 1.0))

    def corr(rows, cols):
        r, c = len(rows) // 2, len(cols) // 2
        p = _pad(f, r, r, c, c)
        out = np.zeros((h, w))
        for i, wr in enumerate(rows):
            for j, wc in enumerate(cols):
                out += wr * wc * p[i:i + h, j:j + w]
        return out * scale

    dx, dy = corr(SMOOTH[ksize], DERIV[ksize]), corr(DERIV[ksize], SMOOTH[ksize])
    lo, hi = block_size // 2, block_size - 1 - block_size // 2

    def box(x):
        p = _pad(x, lo, hi, lo, hi)
        out = np.zeros((h, w))
        for i in range(block_size):
            for j in range(block_size):
                out += p[i:i + h, j:j + w]
        return out

    return box(dx * dx), box(dx * dy), box(dy * dy)


def harris_response(img, block_size, ksize, k):
    """The reference: cv2.cornerHarris, or the same formulas in numpy."""
    if cv2 is not None:
        return cv2.cornerHarris(np.ascontiguousarray(img), block_size, ksize, k)
    a, b, c = structure_tensor(img, block_size, ksize)
    return (a * c - b * b - k * (a + c) ** 2).astype(np.float32)


def _brief(x):
    if isinstance(x, np.ndarray):
        return f"array(shape={x.shape}, dtype={x.dtype})"
    return type(x).__name__


def same(learner, img, block_size, ksize, k):
    a, _, c = structure_tensor(img, block_size, ksize)
    s = float(np.max((a + c) ** 2))
    allowed = RTOL * s

    def differ(actual, expected):
        if not isinstance(actual, np.ndarray):
            return f"expected a float32 array of shape {expected.shape}, got {_brief(actual)}"
        if actual.shape != expected.shape or actual.dtype != np.float32:
            return f"expected a float32 array of shape {expected.shape}, got {_brief(actual)}"
        d = cc.image_difference(actual, expected, max_abs=allowed)
        if d:
            return (f"{d}. Allowed: 1e-6 * S = {allowed:.3g} at every pixel, where S = {s:.4g} is the image's "
                    "largest trace(M)**2")
        return None

    return cc.compare(learner.harris_response, harris_response, img, block_size, ksize, k, differ=differ)


def square(size=16, lo=0, hi=200, top=5, left=4, bottom=12, right=11):
    img = np.full((size, size), lo, dtype=np.uint8)
    img[top:bottom, left:right] = hi
    return img


def test_harris_response_of_a_square_matches_opencv(learner):
    same(learner, square(), 2, 3, 0.04)


def test_harris_response_returns_float32_of_the_image_shape(learner):
    img = square(12, top=3, left=2, bottom=9, right=8)[:, :11]
    out = cc.call(learner.harris_response, img, 2, 3, 0.04)
    cc.expect(isinstance(out, np.ndarray) and out.shape == (12, 11) and out.dtype == np.float32,
              f"harris_response(array(shape=(12, 11), dtype=uint8), 2, 3, 0.04) should return a float32 array of "
              f"shape (12, 11), as cv2.cornerHarris does; got {_brief(out)}",
              expected="array(shape=(12, 11), dtype=float32)", actual=_brief(out))


def test_harris_response_sums_the_products_over_the_window(learner):
    # With block_size 1 there is no window and det(M) = 0 at every pixel;
    # block_size 3 and 5 sum the products over 9 and 25 pixels.
    img = square()
    same(learner, img, 1, 3, 0.04)
    same(learner, img, 3, 3, 0.04)
    same(learner, img, 5, 3, 0.06)


def test_harris_response_is_det_minus_k_times_the_squared_trace(learner):
    img = square(20, 30, 220, 6, 5, 15, 13)
    for k in (0.0, 0.04, 0.15, 0.25):
        same(learner, img, 3, 3, k)


def test_harris_response_scales_uint8_images_by_255(learner):
    # 1 / (2**(ksize - 1) * block_size * 255): a uint8 image and the same
    # image as float32 divided by 255 give the same R.
    g = np.random.default_rng(3)
    img = g.integers(0, 256, (10, 13), dtype=np.uint8)
    same(learner, img, 2, 3, 0.04)
    same(learner, img, 4, 5, 0.04)


def test_harris_response_does_not_scale_float32_images_by_255(learner):
    g = np.random.default_rng(4)
    same(learner, (g.integers(0, 256, (10, 13)) / 255).astype(np.float32), 2, 3, 0.04)
    same(learner, g.uniform(-3, 3, (9, 8)).astype(np.float32), 3, 5, 0.05)


def test_harris_response_uses_the_sobel_kernel_of_size_ksize(learner):
    img = square(18, 10, 250, 4, 6, 13, 14)
    for ksize in (1, 3, 5, 7):
        same(learner, img, 2, ksize, 0.04)
        same(learner, img, 3, ksize, 0.04)


def test_harris_response_anchors_even_windows_at_block_size_over_2(learner):
    # An even window covers offsets -block_size // 2 .. block_size // 2 - 1.
    img = square(15, 0, 255, 4, 3, 9, 10)
    for block_size in (2, 4, 6):
        same(learner, img, block_size, 3, 0.04)


def test_harris_response_pads_with_reflect_101(learner):
    # Ramps reaching the border: reflect-101 mirrors about the edge pixel,
    # zero padding makes a false edge, BORDER_REFLECT (repeat the edge) a half one.
    ramp = (12 * np.arange(9)[:, None] + 7 * np.arange(11)[None, :]).astype(np.uint8)
    same(learner, ramp, 3, 3, 0.04)
    same(learner, (ramp.astype(np.float32) ** 2 / 300), 2, 5, 0.04)
    bright = np.full((8, 9), 240, dtype=np.uint8)
    bright[3:6, 4:7] = 40
    same(learner, bright, 5, 3, 0.04)


def test_harris_response_of_a_constant_image_is_0(learner):
    same(learner, np.full((6, 7), 128, dtype=np.uint8), 3, 3, 0.04)
    same(learner, np.full((5, 5), 9.0, dtype=np.float32), 2, 5, 0.04)


def test_harris_response_handles_images_smaller_than_the_kernels(learner):
    g = np.random.default_rng(5)
    for shape, block_size, ksize in [((1, 1), 3, 3), ((1, 7), 2, 3), ((6, 1), 3, 5), ((2, 3), 5, 7), ((3, 3), 4, 7)]:
        same(learner, g.integers(0, 256, shape, dtype=np.uint8), block_size, ksize, 0.04)


def test_harris_response_matches_opencv_on_random_images(learner):
    for rng in cc.random_cases(24, seed=7):
        g = rng.numpy()
        h, w = rng.randint(2, 8 + 2 * rng.case), rng.randint(2, 8 + 2 * rng.case)
        block_size, ksize, k = rng.randint(1, 6), rng.choice([1, 3, 5, 7]), round(rng.uniform(0.02, 0.2), 3)
        if rng.case % 3 == 0:
            img = g.uniform(-50, 300, (h, w)).astype(np.float32)
        elif rng.case % 3 == 1:
            img = g.integers(0, 256, (h, w), dtype=np.uint8)
        else:
            img = np.zeros((h, w), dtype=np.uint8)
            img[g.integers(0, h):, g.integers(0, w):] = g.integers(50, 256)
        same(learner, img, block_size, ksize, k)


def test_harris_response_accepts_views_and_leaves_img_unchanged(learner):
    big = np.random.default_rng(6).integers(0, 256, (20, 24), dtype=np.uint8)
    same(learner, big[1:19:2, ::3], 3, 3, 0.04)  # compare() fails if img changed


def test_harris_response_rejects_images_that_are_not_2d_uint8_or_float32(learner):
    cc.expect_raises(ValueError, learner.harris_response, np.zeros((4, 4, 3), dtype=np.uint8), 2, 3, 0.04)
    cc.expect_raises(ValueError, learner.harris_response, np.zeros(5, dtype=np.uint8), 2, 3, 0.04)
    cc.expect_raises(ValueError, learner.harris_response, np.zeros((4, 4), dtype=np.float64), 2, 3, 0.04)
    cc.expect_raises(ValueError, learner.harris_response, np.zeros((4, 4), dtype=np.int64), 2, 3, 0.04)


def test_harris_response_rejects_bad_block_size_and_ksize(learner):
    img = square()
    cc.expect_raises(ValueError, learner.harris_response, img, 0, 3, 0.04)
    cc.expect_raises(ValueError, learner.harris_response, img, -2, 3, 0.04)
    for ksize in (0, 2, 4, 9, -1):
        cc.expect_raises(ValueError, learner.harris_response, img, 2, ksize, 0.04)


def _names(code):
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const)
    return names


def test_harris_response_uses_numpy_only(learner):
    for name, value in vars(learner).items():
        module = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
        cc.expect(not (isinstance(module, str) and module.split(".")[0] in ("cv2", "scipy", "skimage")),
                  f"your file imports {module} (as {name}); the task is to write the Harris response in numpy: "
                  "remove the import", input="your file")
    used = _names(learner.harris_response.__code__) & {"cv2", "scipy", "skimage", "cornerHarris", "corner_harris"}
    cc.expect(not used, f"harris_response uses {', '.join(sorted(used))}; write the sums with numpy instead",
              input="harris_response's code")
