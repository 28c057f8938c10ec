"""Checks conv2d against OpenCV 4.6's cv2.filter2D(img, cv2.CV_64F, kernel,
borderType=cv2.BORDER_REFLECT_101) when OpenCV is installed, else against a
numpy reference (np.pad with mode="reflect", then a sum of shifted copies),
which agrees with OpenCV to 1e-10 on every case here.

The task's tolerance is 1e-8 absolute plus 1e-9 relative: OpenCV sums in a
different order (and uses the DFT for large kernels), which moves the last
digits only; every mistake below is off by at least 1e-3."""

import sys
import types

import numpy as np

import coursecheck as cc

try:
    import cv2
except ImportError:
    cv2 = None

RTOL, ATOL = 1e-9, 1e-8
LINE_LIMIT = 1000  # the task's rule: Python lines run on a 64 x 64 image


def conv2d(img, kernel):
    """The reference: what OpenCV gives."""
    if cv2 is not None:
        return cv2.filter2D(np.ascontiguousarray(img), cv2.CV_64F, np.ascontiguousarray(kernel),
                            borderType=cv2.BORDER_REFLECT_101)
    r, c = kernel.shape[0] // 2, kernel.shape[1] // 2
    padded = np.pad(img, ((r, r), (c, c)), mode="reflect")
    out = np.zeros(img.shape)
    for i in range(kernel.shape[0]):
        for j in range(kernel.shape[1]):
            out += kernel[i, j] * padded[i:i + img.shape[0], j:j + img.shape[1]]
    return out


def close(actual, expected):
    d = cc.describe_difference(actual, expected, rtol=RTOL, atol=ATOL)
    if d and isinstance(actual, np.ndarray) and actual.shape == expected.shape and actual.dtype == expected.dtype:
        worst = np.unravel_index(np.argmax(np.abs(actual - expected)), expected.shape)
        d += f"; the largest difference is {abs(actual[worst] - expected[worst]):.3g} at row {worst[0]}, column {worst[1]}"
    return d


def same(learner, img, kernel):
    return cc.compare(learner.conv2d, conv2d, img, kernel, differ=close)


def ramp(h, w):
    """A small image whose values say where they are: 10 * row + column."""
    return (10 * np.arange(h)[:, None] + np.arange(w)[None, :]).astype(np.float64)


def test_conv2d_with_a_box_kernel_matches_opencv(learner):
    same(learner, ramp(5, 6), np.full((3, 3), 1 / 9))


def test_conv2d_returns_float64_of_the_image_shape(learner):
    img = ramp(4, 7)
    out = cc.call(learner.conv2d, img, np.ones((3, 5)) / 15)
    cc.expect(isinstance(out, np.ndarray) and out.shape == (4, 7) and out.dtype == np.float64,
              "conv2d(array(shape=(4, 7), dtype=float64), array(shape=(3, 5), dtype=float64)) should return a "
              f"float64 array of shape (4, 7), got {_brief(out)}",
              expected="array(shape=(4, 7), dtype=float64)", actual=cc.show(out))


def test_conv2d_computes_correlation_and_does_not_flip_the_kernel(learner):
    # An impulse correlated with k gives k rotated by 180 degrees around the
    # impulse; convolution would give k itself.
    img = np.zeros((7, 7))
    img[3, 3] = 1.0
    kernel = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])
    same(learner, img, kernel)


def test_conv2d_keeps_the_anchor_at_the_kernel_centre(learner):
    # [0, 0, 1] picks the right-hand neighbour: the output moves left by one.
    img = ramp(4, 6)
    same(learner, img, np.array([[0.0, 0.0, 1.0]]))
    same(learner, img, np.array([[0.0], [0.0], [0.0], [0.0], [1.0]]))


def test_conv2d_pads_with_reflect_101(learner):
    # A 1 x 5 kernel with a single 1 at the left end reads the padded values
    # directly: column 0 must show column 2 (3 2 | 1 2 3), not column 1
    # (BORDER_REFLECT) or 0 (zeros).
    img = ramp(3, 6) + 1
    same(learner, img, np.array([[1.0, 0.0, 0.0, 0.0, 0.0]]))
    same(learner, img, np.array([[0.0, 0.0, 0.0, 0.0, 1.0]]))
    same(learner, img.T.copy(), np.array([[1.0], [0.0], [0.0], [0.0], [0.0]]))


def test_conv2d_accepts_non_square_kernels(learner):
    rng = np.random.default_rng(3)
    img = rng.uniform(0, 255, (9, 11))
    for shape in [(1, 5), (5, 1), (3, 7), (7, 3), (1, 9)]:
        same(learner, img, rng.uniform(-1, 1, shape))


def test_conv2d_with_a_1x1_kernel_scales_the_image(learner):
    img = ramp(4, 5)
    same(learner, img, np.array([[2.5]]))
    same(learner, img, np.array([[-1.0]]))


def test_conv2d_returns_a_new_array(learner):
    def conv2d(img, kernel):  # named like the learner's, for the message
        return img, learner.conv2d(img, kernel)

    img, out = cc.call(conv2d, ramp(3, 4), np.array([[1.0]]))
    cc.expect(not (isinstance(out, np.ndarray) and np.shares_memory(out, img)),
              "conv2d(array(shape=(3, 4), dtype=float64), array([[1.]])) returned an array that shares memory "
              "with img; return a new array (writing into it would change the caller's image)",
              expected="a new array", actual="a view of img")


def test_conv2d_reflects_repeatedly_on_images_smaller_than_the_kernel(learner):
    rng = np.random.default_rng(5)
    for h, w, kh, kw in [(1, 1, 3, 3), (1, 4, 5, 5), (4, 1, 3, 7), (2, 2, 5, 5), (2, 3, 9, 9), (3, 3, 11, 11),
                         (3, 5, 15, 3)]:
        same(learner, rng.uniform(0, 255, (h, w)), rng.uniform(-1, 1, (kh, kw)))


def test_conv2d_matches_opencv_on_random_images_and_kernels(learner):
    for rng in cc.random_cases(25, seed=7):
        g = rng.numpy()
        h, w = rng.randint(1, 8 + 3 * rng.case), rng.randint(1, 8 + 3 * rng.case)
        kh, kw = 2 * rng.randint(0, 5) + 1, 2 * rng.randint(0, 5) + 1
        same(learner, g.uniform(0, 255, (h, w)), g.uniform(-1, 1, (kh, kw)))


def test_conv2d_accepts_views_of_larger_arrays(learner):
    big = ramp(10, 12)
    same(learner, big[1:9:2, ::3], np.arange(9.0).reshape(3, 3)[:, ::-1] / 36)


def test_conv2d_leaves_its_arguments_unchanged(learner):
    # compare() fails if conv2d changed img or kernel.
    same(learner, ramp(6, 6), np.array([[0.0, -1.0, 0.0], [-1.0, 4.0, -1.0], [0.0, -1.0, 0.0]]))


def test_conv2d_rejects_even_kernel_sides(learner):
    img = ramp(6, 6)
    for shape in [(2, 2), (4, 3), (3, 4), (1, 2)]:
        cc.expect_raises(ValueError, learner.conv2d, img, np.ones(shape))


def test_conv2d_rejects_arrays_that_are_not_2d(learner):
    cc.expect_raises(ValueError, learner.conv2d, np.zeros((5, 5, 3)), np.ones((3, 3)))
    cc.expect_raises(ValueError, learner.conv2d, np.zeros(5), np.ones((3, 3)))
    cc.expect_raises(ValueError, learner.conv2d, ramp(5, 5), np.ones(3))
    cc.expect_raises(ValueError, learner.conv2d, ramp(5, 5), np.ones((3, 3, 1)))


def _brief(x):
    if isinstance(x, np.ndarray):
        return f"array(shape={x.shape}, dtype={x.dtype})"
    return type(x).__name__


def _names(code):
    """Every global name a function's code (and the code nested in it) uses."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const)
    return names


def test_conv2d_uses_numpy_only(learner):
    for name, value in vars(learner).items():
        module = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
        cc.expect(not (isinstance(module, str) and module.split(".")[0] in ("cv2", "scipy")),
                  f"your file imports {module} (as {name}); the task is to write the filter in numpy: "
                  "remove the import", input="your file")
    used = _names(learner.conv2d.__code__) & {"cv2", "scipy", "filter2D", "correlate", "convolve2d"}
    cc.expect(not used, f"conv2d uses {', '.join(sorted(used))}; write the sum with numpy instead",
              input="conv2d's code")


def test_conv2d_is_vectorised(learner, ref):
    # Counted, not timed: the number of Python lines conv2d runs does not
    # depend on the machine or its load, and a loop over the pixels runs at
    # least one line per pixel.
    g = np.random.default_rng(11)
    img, kernel = g.uniform(0, 255, (64, 64)), g.uniform(-1, 1, (9, 9))
    out, lines = _counted(learner.conv2d, img, kernel)
    cc.expect(lines <= LINE_LIMIT,
              f"conv2d(array(shape=(64, 64), dtype=float64), array(shape=(9, 9), dtype=float64)) ran {lines} "
              f"lines of Python; the limit is {LINE_LIMIT}, and a loop over the 4,096 pixels runs at least 4,096. "
              "Loop over the 81 kernel entries and add shifted slices of the padded image, not over the pixels.",
              input="conv2d(array(shape=(64, 64), dtype=float64), array(shape=(9, 9), dtype=float64))",
              expected=f"at most {LINE_LIMIT} lines of Python", actual=f"{lines} lines")
    d = close(out, conv2d(img, kernel))
    cc.expect(d is None, f"conv2d on the 64 x 64 image: {d}")


def _counted(fn, *args):
    """Calls fn and counts the Python lines run in the learner's file."""
    args = [a.copy() for a in args]
    file = fn.__code__.co_filename
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if frame.f_code.co_filename != file:
            return None
        if event == "line":
            count += 1
        return tracer

    old = sys.gettrace()
    sys.settrace(tracer)
    try:
        out = cc.call(fn, *args)
    finally:
        sys.settrace(old)
    return out, count
