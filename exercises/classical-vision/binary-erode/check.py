"""Checks binary_erode against OpenCV 4.6's cv2.erode(img, se) (default
anchor at the centre, default border: a constant equal to the largest uint8
value, so outside pixels never win the minimum) when OpenCV is installed,
else against a numpy reference of the same rule (np.pad with 255, then the
minimum of shifted copies), which equals cv2.erode on every case here.
Images compare exactly: shape, dtype and every pixel."""

import types

import numpy as np

import coursecheck as cc

try:
    import cv2
except ImportError:
    cv2 = None


def binary_erode(img, se):
    """The reference: what OpenCV gives."""
    if cv2 is not None:
        return cv2.erode(np.ascontiguousarray(img), np.ascontiguousarray(se))
    h, w = img.shape
    r, c = se.shape[0] // 2, se.shape[1] // 2
    padded = np.pad(img, ((r, r), (c, c)), constant_values=255)
    out = np.full((h, w), 255, np.uint8)
    for i, j in np.argwhere(se):
        out = np.minimum(out, padded[i:i + h, j:j + w])
    return out


def differ(actual, expected):
    d = cc.image_difference(actual, expected)
    if d and isinstance(actual, np.ndarray) and actual.shape == expected.shape and actual.dtype == expected.dtype:
        wrong = np.argwhere(actual != expected)
        d += f"; {len(wrong)} pixel(s) differ, the first at row {wrong[0][0]}, column {wrong[0][1]}"
    return d


def same(learner, img, se):
    return cc.compare(learner.binary_erode, binary_erode, img, se, differ=differ)


def binary(rows):
    """A binary image from strings: '#' = 255, '.' = 0."""
    return np.array([[255 if ch == "#" else 0 for ch in row] for row in rows], dtype=np.uint8)


def square(k):
    return np.ones((k, k), np.uint8)


def test_binary_erode_with_a_3x3_square_matches_opencv(learner):
    img = binary(["........",
                  ".#####..",
                  ".#####..",
                  ".#####.#",
                  ".####...",
                  "........"])
    same(learner, img, square(3))


def test_binary_erode_returns_uint8_of_the_image_shape(learner):
    img = binary(["###.", "####", "####"])
    out = cc.call(learner.binary_erode, img, square(3))
    cc.expect(isinstance(out, np.ndarray) and out.shape == (3, 4) and out.dtype == np.uint8,
              "binary_erode(array(shape=(3, 4), dtype=uint8), ones((3, 3))) should return a uint8 array of shape "
              f"(3, 4), got {_brief(out)}", expected="array(shape=(3, 4), dtype=uint8)", actual=_brief(out))


def test_binary_erode_takes_the_minimum_not_the_maximum(learner):
    # One background pixel in a white field: erosion grows the hole to 3 x 3,
    # dilation would fill it.
    img = np.full((5, 5), 255, np.uint8)
    img[2, 2] = 0
    same(learner, img, square(3))
    # Gray values: the minimum of each window, not a 0/255 decision.
    same(learner, (10 * np.arange(20).reshape(4, 5)).astype(np.uint8), square(3))


def test_binary_erode_uses_only_the_ones_of_the_structuring_element(learner):
    img = binary([".......",
                  ".#####.",
                  ".#####.",
                  ".#####.",
                  ".#####.",
                  "......."])
    cross = np.array([[0, 1, 0], [1, 1, 1], [0, 1, 0]], np.uint8)
    same(learner, img, cross)
    ellipse = np.array([[0, 0, 1, 0, 0], [1, 1, 1, 1, 1], [1, 1, 1, 1, 1], [1, 1, 1, 1, 1], [0, 0, 1, 0, 0]],
                       np.uint8)
    same(learner, binary(["#########", "#########", "#########", "####.####", "#########", "#########"]), ellipse)


def test_binary_erode_places_the_anchor_at_the_centre_without_flipping(learner):
    # A single 1 away from the centre picks one neighbour: [0, 0, 1] gives
    # out[y, x] = img[y, x + 1], the image moved left by one.
    g = np.random.default_rng(1)
    img = g.integers(0, 256, (5, 7)).astype(np.uint8)
    same(learner, img, np.array([[0, 0, 1]], np.uint8))
    same(learner, img, np.array([[1], [0], [0], [0], [0]], np.uint8))
    same(learner, img, np.array([[0, 0, 0], [0, 0, 0], [0, 1, 1]], np.uint8))


def test_binary_erode_counts_pixels_outside_the_image_as_255(learner):
    # An object filling the image stays whole; one touching the left edge
    # keeps its border column.
    same(learner, np.full((4, 6), 255, np.uint8), square(3))
    same(learner, binary(["##....", "###...", "###...", "##...."]), square(3))
    # A single 1 outside reads only the border: the result is 255 there.
    same(learner, binary(["####", "####", "####"]), np.array([[1, 0, 0], [0, 0, 0], [0, 0, 0]], np.uint8))
    same(learner, (np.arange(12).reshape(3, 4) * 20).astype(np.uint8), np.array([[0, 0, 0, 0, 1]], np.uint8))


def test_binary_erode_handles_elements_larger_than_the_image(learner):
    g = np.random.default_rng(2)
    for h, w, kh, kw in [(1, 1, 3, 3), (1, 4, 5, 5), (2, 2, 7, 3), (3, 2, 1, 9)]:
        se = (g.random((kh, kw)) < 0.6).astype(np.uint8)
        se[kh // 2, kw // 2] = 1
        same(learner, g.choice(np.array([0, 255], np.uint8), (h, w)), se)


def test_binary_erode_with_a_1x1_element_returns_a_copy(learner):
    img = binary(["#.#", ".##"])

    def binary_erode(img, se):  # named like the learner's, for the message
        return img, learner.binary_erode(img, se)

    img2, out = cc.call(binary_erode, img, np.ones((1, 1), np.uint8))
    cc.expect(not (isinstance(out, np.ndarray) and np.shares_memory(out, img2)),
              "binary_erode(array(shape=(2, 3), dtype=uint8), ones((1, 1))) returned an array that shares memory "
              "with img; return a new array", expected="a new array", actual="a view of img")
    same(learner, img, np.ones((1, 1), np.uint8))


def test_binary_erode_matches_opencv_on_random_binary_images(learner):
    for rng in cc.random_cases(25, seed=3):
        g = rng.numpy()
        h, w = rng.randint(1, 6 + 2 * rng.case), rng.randint(1, 6 + 2 * rng.case)
        kh, kw = 2 * rng.randint(0, 3) + 1, 2 * rng.randint(0, 3) + 1
        se = (g.random((kh, kw)) < 0.5).astype(np.uint8)
        se[g.integers(kh), g.integers(kw)] = 1
        img = np.where(g.random((h, w)) < 0.75, 255, 0).astype(np.uint8)
        same(learner, img, se)


def test_binary_erode_matches_opencv_on_random_gray_images(learner):
    for rng in cc.random_cases(20, seed=4):
        g = rng.numpy()
        h, w = rng.randint(1, 10), rng.randint(1, 10)
        k = rng.choice([(3, 3), (5, 5), (1, 3), (3, 1), (5, 3)])
        same(learner, g.integers(0, 256, (h, w)).astype(np.uint8), np.ones(k, np.uint8))


def test_binary_erode_leaves_its_arguments_unchanged(learner):
    # compare() fails if binary_erode changed img or se.
    same(learner, binary(["#####", "#.###", "#####"]), np.array([[0, 1, 0], [1, 1, 1], [0, 1, 0]], np.uint8))


def test_binary_erode_rejects_images_that_are_not_2d_uint8(learner):
    cc.expect_raises(ValueError, learner.binary_erode, np.zeros((4, 4, 3), np.uint8), square(3))
    cc.expect_raises(ValueError, learner.binary_erode, np.zeros(5, np.uint8), square(3))
    cc.expect_raises(ValueError, learner.binary_erode, np.zeros((4, 4), np.float64), square(3))
    cc.expect_raises(ValueError, learner.binary_erode, np.zeros((4, 4), bool), square(3))


def test_binary_erode_rejects_a_structuring_element_that_is_not_2d(learner):
    cc.expect_raises(ValueError, learner.binary_erode, np.zeros((4, 4), np.uint8), np.ones(3, np.uint8))
    cc.expect_raises(ValueError, learner.binary_erode, np.zeros((4, 4), np.uint8), np.ones((3, 3, 1), np.uint8))


def test_binary_erode_rejects_even_sides(learner):
    for shape in [(2, 2), (4, 3), (3, 4), (1, 2)]:
        cc.expect_raises(ValueError, learner.binary_erode, np.zeros((5, 5), np.uint8), np.ones(shape, np.uint8))


def test_binary_erode_rejects_an_element_without_a_one(learner):
    cc.expect_raises(ValueError, learner.binary_erode, np.zeros((5, 5), np.uint8), np.zeros((3, 3), np.uint8))


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


def test_binary_erode_uses_numpy_only(learner):
    for name, value in vars(learner).items():
        module = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
        cc.expect(not (isinstance(module, str) and module.split(".")[0] in ("cv2", "scipy", "skimage")),
                  f"your file imports {module} (as {name}); the task is to write the erosion in numpy: "
                  "remove the import", input="your file")
    used = _names(learner.binary_erode.__code__) & {"cv2", "scipy", "skimage", "erode", "binary_erosion",
                                                    "grey_erosion", "morphologyEx"}
    cc.expect(not used, f"binary_erode uses {', '.join(sorted(used))}; write the minimum with numpy instead",
              input="binary_erode's code")
