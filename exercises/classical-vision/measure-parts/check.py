"""Checks measure_parts against the pipeline the task states, run with
OpenCV 4.6: GaussianBlur (5 x 5, sigma 0), Otsu's threshold (parts 255),
opening with a 3 x 3 square, connected components with 8-connectivity, the
areas of the components other than the background that are at least
min_area, as Python ints in ascending order. Areas compare exactly."""

import numpy as np

import coursecheck as cc

try:
    import cv2
except ImportError:  # the exercise requires OpenCV; the solution imports it too
    cv2 = None


def measure_parts(img, min_area=20):
    """The task's pipeline."""
    blur = cv2.GaussianBlur(img, (5, 5), 0)
    _, mask = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    _, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return sorted(int(a) for a in stats[1:, cv2.CC_STAT_AREA] if a >= min_area)


def differ(actual, expected):
    if not isinstance(actual, list):
        return f"expected the list {expected}, got {cc.show(actual)} of type {type(actual).__name__}"
    bad = [a for a in actual if isinstance(a, bool) or not isinstance(a, int)]
    if bad:
        return f"expected Python ints {expected}, got {cc.show(actual)} holding {type(bad[0]).__name__}"
    if actual != expected:
        if sorted(actual) == expected:
            return f"expected {expected} (ascending), got {actual}: the right areas, not sorted"
        return f"expected the areas {expected}, got {actual}"
    return None


def same(learner, img, *min_area):
    return cc.compare(learner.measure_parts, measure_parts, img, *min_area, differ=differ)


def frame(g, n, noise=8.0, size=48):
    """A conveyor frame: a dark belt, n round parts that do not touch, noise."""
    img = np.full((size, size), 50.0)
    yy, xx = np.mgrid[:size, :size]
    parts = []
    while len(parts) < n:
        r = g.uniform(3.5, 5.5)
        y, x = g.uniform(r + 1, size - r - 1, 2)
        if all((y - q) ** 2 + (x - p) ** 2 > (r + s + 2) ** 2 for q, p, s in parts):
            parts.append((y, x, r))
    for y, x, r in parts:
        img[(yy - y) ** 2 + (xx - x) ** 2 <= r * r] = g.uniform(160, 200)
    img += g.normal(0, noise, img.shape)
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


def shapes(*boxes, fill=200, size=(24, 40)):
    """Bright rectangles (y, x, h, w) on a belt of 40, with a 8 x 14 anchor part."""
    img = np.full(size, 40, np.uint8)
    img[12:20, 20:34] = fill
    for y, x, h, w in boxes:
        img[y:y + h, x:x + w] = fill
    return img


def test_measure_parts_measures_a_clean_frame(learner):
    same(learner, frame(np.random.default_rng(1), 4))


def test_measure_parts_leaves_out_the_background(learner):
    # One part: the answer has one area, not the belt's too.
    same(learner, shapes())
    same(learner, frame(np.random.default_rng(2), 1))


def test_measure_parts_returns_a_sorted_list_of_python_ints(learner):
    # Labels run in raster order: the large part comes first, the small ones after.
    img = shapes((14, 2, 4, 5), (2, 36, 3, 4))
    img[1:10, 2:12] = 200
    same(learner, img)
    out = cc.call(learner.measure_parts, img)
    cc.expect(isinstance(out, list) and all(type(a) is int for a in out),
              f"measure_parts(shapes) should return a list of Python ints, got {cc.show(out)}",
              expected="a list of int", actual=cc.show(out))


def test_measure_parts_keeps_a_part_of_exactly_min_area(learner):
    # Rectangles of 18, 20 and 21 pixels, and 19 (4 x 5 less a corner).
    img = shapes((2, 2, 3, 6), (2, 10, 4, 5), (14, 2, 3, 7), (2, 30, 4, 5))
    img[2, 30] = 40
    for min_area in (18, 19, 20, 21, 22, 112, 113):
        same(learner, img, min_area)


def test_measure_parts_has_min_area_20_by_default(learner):
    img = shapes((2, 2, 3, 6), (2, 10, 4, 5), (14, 2, 3, 7), (2, 30, 4, 5))
    img[2, 30] = 40
    same(learner, img)


def test_measure_parts_blurs_before_the_threshold(learner):
    # Heavy noise: without the 5 x 5 blur, the mask and its areas change.
    g = np.random.default_rng(3)
    for n in (2, 5):
        same(learner, frame(g, n, noise=30.0))


def test_measure_parts_opens_with_a_3x3_square(learner):
    # A thin bar (2 pixels) disappears under the opening; a 3-pixel bar stays.
    same(learner, shapes((2, 2, 2, 20), (6, 2, 3, 12)), 1)
    same(learner, shapes((2, 2, 20, 2), (2, 6, 12, 3)).T.copy(), 1)


def test_measure_parts_joins_diagonal_neighbours(learner):
    # Two squares that touch at a corner are one component with 8-connectivity.
    img = np.full((30, 30), 40, np.uint8)
    img[5:12, 5:12] = 200
    img[12:19, 12:19] = 200
    same(learner, img)


def test_measure_parts_treats_bright_as_parts(learner):
    # Dark parts on a bright belt are not parts: only bright ones are measured.
    img = np.full((30, 40), 40, np.uint8)
    img[3:10, 3:12] = 200
    img[15:27, 20:36] = 200
    same(learner, img)


def test_measure_parts_leaves_the_image_unchanged(learner):
    # compare() fails if measure_parts wrote into img.
    same(learner, frame(np.random.default_rng(4), 3))


def test_measure_parts_rejects_what_is_not_a_2d_uint8_array(learner):
    img = frame(np.random.default_rng(5), 2)
    cc.expect_raises(ValueError, learner.measure_parts, img.astype(np.float32))
    cc.expect_raises(ValueError, learner.measure_parts, img.astype(np.int64))
    cc.expect_raises(ValueError, learner.measure_parts, np.dstack([img, img, img]))
    cc.expect_raises(ValueError, learner.measure_parts, img[0])
    cc.expect_raises(ValueError, learner.measure_parts, img.tolist())


def test_measure_parts_matches_the_pipeline_on_random_frames(learner):
    for rng in cc.random_cases(24, seed=11):
        g = rng.numpy()
        size = 40 + 8 * (rng.case % 4)
        img = frame(g, 1 + rng.case % 5, noise=float(g.uniform(4, 25)), size=size)
        areas = measure_parts(img, 1)
        same(learner, img, areas[rng.case % len(areas)])
        same(learner, img)
