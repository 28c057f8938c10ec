"""Checks to_gray against OpenCV 4.6 (cv2.cvtColor with COLOR_RGB2GRAY) when it
is installed, else against OpenCV's own fixed-point formula, which gives the
same pixel on every one of the 256**3 colours (the lesson's block checks it).

Every comparison is exact: the task states one answer per pixel."""

import types

import numpy as np

import coursecheck as cc

try:
    import cv2
except ImportError:
    cv2 = None


def to_gray(img):
    """The reference: what OpenCV gives."""
    if cv2 is not None:
        return cv2.cvtColor(np.ascontiguousarray(img), cv2.COLOR_RGB2GRAY)
    y = (img.astype(np.uint32) * np.array([9798, 19235, 3735], np.uint32)).sum(axis=2) + (1 << 14)
    return (y >> 15).astype(np.uint8)


def exactly(actual, expected):
    return cc.image_difference(actual, expected, max_abs=0)


def image(rows):
    return np.array(rows, dtype=np.uint8)


def test_to_gray_of_black_white_and_primaries_matches_opencv(learner):
    img = image([[[0, 0, 0], [255, 255, 255], [255, 0, 0]],
                 [[0, 255, 0], [0, 0, 255], [128, 128, 128]]])
    cc.compare(learner.to_gray, to_gray, img, differ=exactly)


def test_to_gray_returns_uint8(learner):
    img = image([[[10, 20, 30], [200, 100, 50]]])
    out = cc.call(learner.to_gray, img)
    cc.expect(isinstance(out, np.ndarray) and out.dtype == np.uint8,
              f"to_gray(array(shape=(1, 2, 3), dtype=uint8)) should return a uint8 array, got "
              f"{getattr(out, 'dtype', type(out).__name__)}",
              expected="dtype uint8", actual=cc.show(out))


def test_to_gray_uses_the_rgb_channel_order(learner):
    # Red and blue have very different weights (9798 and 3735).
    img = image([[[200, 0, 0], [0, 0, 200]], [[200, 50, 10], [10, 50, 200]]])
    cc.compare(learner.to_gray, to_gray, img, differ=exactly)


def test_to_gray_does_not_overflow_on_bright_pixels(learner):
    img = image([[[255, 255, 255], [250, 250, 250], [255, 255, 0], [0, 255, 255], [255, 0, 255],
                  [0, 255, 0], [0, 200, 0]]])
    cc.compare(learner.to_gray, to_gray, img, differ=exactly)


def test_to_gray_rounds_to_the_nearest_integer_like_opencv(learner):
    # Luminances 29.9, 58.7, 0.57 and 81.76: truncation gives 29, 58, 0, 81.
    img = image([[[100, 0, 0], [0, 100, 0], [0, 0, 5], [250, 10, 10]]])
    cc.compare(learner.to_gray, to_gray, img, differ=exactly)


def test_to_gray_uses_the_fixed_point_weights_where_the_float_formula_rounds_the_other_way(learner):
    # For each colour, 0.299 R + 0.587 G + 0.114 B is a hair above a half
    # (e.g. 23.501 for (0, 1, 201)) and np.rint rounds it up, while OpenCV's
    # 15-bit weights (3735 / 32768 = 0.11398... for blue) land just below.
    img = image([[[0, 1, 201], [3, 90, 191], [8, 150, 97], [16, 41, 225]],
                 [[39, 177, 210], [64, 21, 167], [74, 140, 221], [133, 249, 5]],
                 [[170, 114, 68], [173, 230, 33], [215, 155, 2], [224, 68, 172]]])
    cc.compare(learner.to_gray, to_gray, img, differ=exactly)


def test_to_gray_keeps_the_image_shape_for_thin_images(learner):
    for shape in [(1, 1, 3), (1, 7, 3), (9, 1, 3)]:
        img = np.full(shape, 77, dtype=np.uint8)
        img[..., 0] = 200
        cc.compare(learner.to_gray, to_gray, img, differ=exactly)


def test_to_gray_accepts_a_view_of_a_larger_image(learner):
    big = np.arange(6 * 8 * 3, dtype=np.uint8).reshape(6, 8, 3) * 5
    cc.compare(learner.to_gray, to_gray, big[1:5, ::2], differ=exactly)


def test_to_gray_matches_opencv_exactly_on_random_images(learner):
    for rng in cc.random_cases(25, seed=4):
        img = rng.image(rng.randint(16, 48), rng.randint(16, 48))
        cc.compare(learner.to_gray, to_gray, img, differ=exactly)


def test_to_gray_leaves_the_input_unchanged(learner):
    # compare() fails if the learner's copy of img changed.
    img = image([[[255, 0, 0], [0, 128, 255]], [[10, 20, 30], [90, 60, 30]]])
    cc.compare(learner.to_gray, to_gray, img, differ=exactly)


def test_to_gray_rejects_images_without_three_channels(learner):
    cc.expect_raises(ValueError, learner.to_gray, np.zeros((4, 4), np.uint8))
    cc.expect_raises(ValueError, learner.to_gray, np.zeros((4, 4, 4), np.uint8))
    cc.expect_raises(ValueError, learner.to_gray, np.zeros((4, 4, 1), np.uint8))
    cc.expect_raises(ValueError, learner.to_gray, np.zeros((2, 4, 4, 3), np.uint8))


def _names(code):
    """Every global name a function's code (and the code nested in it) uses."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const)
    return names


def test_to_gray_does_not_call_opencv(learner):
    for name, value in vars(learner).items():
        module = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
        cc.expect(not (isinstance(module, str) and module.split(".")[0] == "cv2"),
                  f"your file imports OpenCV ({name} is {module}); the task is to compute the gray "
                  "values with numpy: remove the import", input="your file")
    used = _names(learner.to_gray.__code__) & {"cv2", "cvtColor"}
    cc.expect(not used, f"to_gray uses {', '.join(sorted(used))}; compute the gray values with numpy "
              "instead of calling OpenCV", input="to_gray's code")
