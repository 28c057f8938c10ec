"""Checks count_objects against OpenCV 4.6 when OpenCV is installed:
cv2.morphologyEx(img, cv2.MORPH_OPEN, se) (default anchor and borders), then
cv2.connectedComponentsWithStats(opened, connectivity=8, ltype=cv2.CV_32S),
keeping the components whose CC_STAT_AREA is at least min_area. OpenCV
numbers its components in the order its block-based scan meets them, which
is not always raster order, so the checker renumbers them by the task's rule
(raster order of each component's first pixel) before comparing; the
partition itself is OpenCV's. Without OpenCV the reference is the same rule
in numpy and Python (shifted masks and a flood fill). The count and every
label compare exactly."""

import types

import numpy as np

import coursecheck as cc

try:
    import cv2
except ImportError:
    cv2 = None

CROSS = np.array([[0, 1, 0], [1, 1, 1], [0, 1, 0]], np.uint8)
ELLIPSE = np.array([[0, 0, 1, 0, 0], [1, 1, 1, 1, 1], [1, 1, 1, 1, 1], [1, 1, 1, 1, 1], [0, 0, 1, 0, 0]], np.uint8)


def _opencv(img, se):
    """OpenCV's components of the opened image: labels and areas."""
    opened = cv2.morphologyEx(np.ascontiguousarray(img), cv2.MORPH_OPEN, np.ascontiguousarray(se))
    _, labels, stats, _ = cv2.connectedComponentsWithStats(opened, connectivity=8, ltype=cv2.CV_32S)
    return labels, stats[:, cv2.CC_STAT_AREA]


def _numpy(img, se):
    """The same without OpenCV: shifted masks and a flood fill."""
    h, w = img.shape
    kh, kw = se.shape

    def shifts(m, outside):
        p = np.pad(m, ((kh // 2, kh // 2), (kw // 2, kw // 2)), constant_values=outside)
        return [p[i:i + h, j:j + w] for i, j in np.argwhere(se)]

    fg = np.logical_or.reduce(shifts(np.logical_and.reduce(shifts(img > 0, True)), False))
    labels = np.zeros((h, w), np.int32)
    areas = [0]
    for y, x in np.argwhere(fg):
        if labels[y, x]:
            continue
        k = len(areas)
        labels[y, x] = k
        stack, area = [(y, x)], 0
        while stack:
            py, px = stack.pop()
            area += 1
            for ny in range(max(py - 1, 0), min(py + 2, h)):
                for nx in range(max(px - 1, 0), min(px + 2, w)):
                    if fg[ny, nx] and not labels[ny, nx]:
                        labels[ny, nx] = k
                        stack.append((ny, nx))
        areas.append(area)
    return labels, np.array(areas)


def count_objects(img, se, min_area):
    """The reference: OpenCV's components, filtered, renumbered in raster order."""
    labels, areas = _opencv(img, se) if cv2 is not None else _numpy(img, se)
    values, first = np.unique(labels.ravel(), return_index=True)
    order = [int(v) for _, v in sorted(zip(first.tolist(), values.tolist())) if v != 0 and areas[v] >= min_area]
    renumber = np.zeros(len(areas), np.int32)
    renumber[order] = np.arange(1, len(order) + 1)
    return len(order), renumber[labels]


def differ(actual, expected):
    n, labels = expected
    if not isinstance(actual, tuple) or len(actual) != 2:
        return f"expected a tuple (n, labels), got {cc.show(actual, 200)}"
    an, al = actual
    if isinstance(an, bool) or not isinstance(an, (int, np.integer)):
        return f"expected n to be the integer {n}, got {cc.show(an)} of type {type(an).__name__}"
    if not isinstance(al, np.ndarray) or al.shape != labels.shape or al.dtype != np.int32:
        return f"expected labels as an int32 array of shape {labels.shape}, got {_brief(al)}"
    if an != n:
        return f"expected n = {n} components, got {int(an)}"
    wrong = np.argwhere(al != labels)
    if len(wrong):
        y, x = wrong[0]
        return (f"the count {n} is right but {len(wrong)} label(s) differ, the first at row {y}, column {x}: "
                f"expected {labels[y, x]}, got {al[y, x]}")
    return None


def same(learner, img, se, min_area):
    return cc.compare(learner.count_objects, count_objects, img, se, min_area, differ=differ)


def binary(rows):
    """A binary image from strings: '#' = 255, '.' = 0."""
    return np.array([[255 if ch == "#" else 0 for ch in row] for row in rows], dtype=np.uint8)


def square(k):
    return np.ones((k, k), np.uint8)


def test_count_objects_counts_three_separate_squares(learner):
    img = binary(["..........",
                  ".###..###.",
                  ".###..###.",
                  ".###..###.",
                  "..........",
                  "...####...",
                  "...####...",
                  "...####...",
                  ".........."])
    same(learner, img, square(3), 1)


def test_count_objects_returns_an_int_and_an_int32_array(learner):
    img = binary(["###.", "###.", "###."])
    out = cc.call(learner.count_objects, img, square(3), 1)
    ok = (isinstance(out, tuple) and len(out) == 2 and not isinstance(out[0], bool)
          and isinstance(out[0], (int, np.integer)) and isinstance(out[1], np.ndarray)
          and out[1].shape == (3, 4) and out[1].dtype == np.int32)
    cc.expect(ok, "count_objects(array(shape=(3, 4), dtype=uint8), ones((3, 3)), 1) should return (n, labels) "
              f"with n an integer and labels an int32 array of shape (3, 4), got {_brief(out)}",
              expected="(1, array(shape=(3, 4), dtype=int32))", actual=_brief(out))


def test_count_objects_opens_away_specks_and_thin_bridges(learner):
    img = binary(["#.........#..",
                  "...........#.",
                  ".###...###...",
                  ".#######.##..",
                  ".###...###...",
                  "........#....",
                  "..#.........#"])
    same(learner, img, square(3), 1)


def test_count_objects_erodes_before_it_dilates(learner):
    # Opening keeps the two halves apart and removes the speck; closing
    # (dilate first) would join them and keep the speck.
    img = binary(["............",
                  ".###.###..#.",
                  ".###.###....",
                  ".###.###....",
                  "............"])
    same(learner, img, square(3), 1)


def test_count_objects_joins_diagonal_neighbours(learner):
    # With a 1 x 1 element the opening changes nothing: only connectivity
    # matters. 8-connectivity joins the diagonal chain, 4 would split it.
    same(learner, binary(["#...", ".#..", "..#.", "...#"]), square(1), 1)
    # Two squares that survive the opening and touch at one corner.
    same(learner, binary([".......", ".###...", ".###...", ".###...", "....###", "....###", "....###"]),
         square(3), 1)


def test_count_objects_does_not_join_pixels_two_steps_apart(learner):
    # Neighbours are one step away: the single pixel at the top right is two
    # rows above the chain's last pixel, and a separate object.
    same(learner, binary(["#.#", "#..", ".#."]), square(1), 1)
    same(learner, binary(["#..", "..#", ".#.", "#.."]), square(1), 1)
    same(learner, binary(["##.#", "...#", "#..."]), square(1), 1)


def test_count_objects_does_not_count_the_background(learner):
    same(learner, np.zeros((5, 6), np.uint8), square(3), 1)
    same(learner, np.full((5, 6), 255, np.uint8), square(3), 1)
    same(learner, binary(["....", ".##.", ".##.", "...."]), square(1), 1)


def test_count_objects_keeps_components_of_exactly_min_area(learner):
    img = binary(["##..###..#",
                  "##.......#",
                  "......####"])
    for min_area in (1, 2, 3, 4, 5, 6, 7):
        same(learner, img, square(1), min_area)


def test_count_objects_numbers_components_in_raster_order_of_their_first_pixel(learner):
    # OpenCV labels the bottom-left pixel first here (it scans two rows at a
    # time); the task's rule puts the top-right one first.
    same(learner, binary(["...#", "#..."]), square(1), 1)
    # A U shape starts at the top left; the pixel between its arms comes later.
    same(learner, binary(["#.#.#", "#.#.#", "###.#", "....#", "##..."]), square(1), 1)
    # Dropped components leave no gap in the numbers.
    same(learner, binary(["#.##.#..###", "...........", "##.#.####.."]), square(1), 2)


def test_count_objects_counts_outside_pixels_as_255_when_eroding(learner):
    # Objects two pixels wide along the edges survive the opening in OpenCV;
    # padding the erosion with 0 would remove them.
    img = binary(["##......##",
                  "##..###.##",
                  "##..###.##",
                  "....###...",
                  "..........",
                  "#########."])
    same(learner, img, square(3), 1)


def test_count_objects_counts_outside_pixels_as_0_when_dilating(learner):
    img = binary(["......", ".####.", ".####.", ".####.", "......"])
    same(learner, img, square(3), 1)
    same(learner, binary(["###...", "###...", "###..."]), square(3), 1)


def test_count_objects_treats_every_nonzero_value_as_foreground(learner):
    img = np.array([[0, 7, 200, 0, 0], [0, 1, 255, 0, 3], [0, 90, 12, 0, 0], [0, 0, 0, 0, 0]], np.uint8)
    same(learner, img, square(1), 1)
    same(learner, img, np.array([[1], [1], [1]], np.uint8), 1)


def test_count_objects_with_other_structuring_elements(learner):
    img = binary(["...........",
                  ".#####.....",
                  ".#####..#..",
                  ".#####.###.",
                  ".#####..#..",
                  ".#####.....",
                  "......####.",
                  "......####."])
    for se in (CROSS, ELLIPSE, np.ones((3, 5), np.uint8), np.ones((1, 3), np.uint8), np.ones((5, 1), np.uint8)):
        same(learner, img, se, 1)


def noisy(g, h, w, salt, pepper):
    """Rectangles and discs on a black image, with salt and pepper noise."""
    img = np.zeros((h, w), bool)
    yy, xx = np.mgrid[:h, :w]
    for _ in range(g.integers(1, 6)):
        cy, cx, s = g.integers(0, h), g.integers(0, w), g.integers(2, 6)
        if g.random() < 0.5:
            img |= (yy - cy) ** 2 + (xx - cx) ** 2 <= s * s
        else:
            img |= (abs(yy - cy) <= s) & (abs(xx - cx) <= g.integers(1, 6))
    img ^= g.random((h, w)) < np.where(img, pepper, salt)
    return (img * 255).astype(np.uint8)


def test_count_objects_matches_opencv_on_random_noisy_images(learner):
    for rng in cc.random_cases(25, seed=5):
        g = rng.numpy()
        h, w = rng.randint(4, 10 + 2 * rng.case), rng.randint(4, 10 + 2 * rng.case)
        se = [square(3), CROSS, square(1), ELLIPSE, np.ones((1, 3), np.uint8)][rng.case % 5]
        same(learner, noisy(g, h, w, 0.05, 0.05), se, rng.randint(1, 12))


def test_count_objects_leaves_its_arguments_unchanged(learner):
    # compare() fails if count_objects changed img or se.
    same(learner, binary(["###..", "###.#", "###.."]), CROSS, 1)


def test_count_objects_rejects_images_that_are_not_2d_uint8(learner):
    cc.expect_raises(ValueError, learner.count_objects, np.zeros((4, 4, 3), np.uint8), square(3), 1)
    cc.expect_raises(ValueError, learner.count_objects, np.zeros(5, np.uint8), square(3), 1)
    cc.expect_raises(ValueError, learner.count_objects, np.zeros((4, 4), bool), square(3), 1)
    cc.expect_raises(ValueError, learner.count_objects, np.zeros((4, 4), np.float64), square(3), 1)


def test_count_objects_rejects_bad_structuring_elements(learner):
    img = np.zeros((5, 5), np.uint8)
    for se in (np.ones(3, np.uint8), np.ones((3, 3, 1), np.uint8), np.ones((2, 3), np.uint8),
               np.ones((3, 4), np.uint8), np.zeros((3, 3), np.uint8)):
        cc.expect_raises(ValueError, learner.count_objects, img, se, 1)


def test_count_objects_rejects_min_area_below_1(learner):
    for min_area in (0, -3):
        cc.expect_raises(ValueError, learner.count_objects, np.zeros((5, 5), np.uint8), square(3), min_area)


def _brief(x):
    if isinstance(x, np.ndarray):
        return f"array(shape={x.shape}, dtype={x.dtype})"
    if isinstance(x, tuple):
        return "(" + ", ".join(_brief(v) for v in x) + ")"
    if isinstance(x, (int, np.integer)) and not isinstance(x, bool):
        return f"{type(x).__name__} {x}"
    return type(x).__name__


def _names(code):
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const)
    return names


def test_count_objects_uses_numpy_only(learner):
    for name, value in vars(learner).items():
        module = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
        cc.expect(not (isinstance(module, str) and module.split(".")[0] in ("cv2", "scipy", "skimage")),
                  f"your file imports {module} (as {name}); the task is to write the pipeline in numpy and Python: "
                  "remove the import", input="your file")
    used = set()
    for value in vars(learner).values():
        if isinstance(value, types.FunctionType):
            used |= _names(value.__code__)
    used &= {"cv2", "scipy", "skimage", "connectedComponents", "connectedComponentsWithStats", "morphologyEx",
             "label", "binary_opening"}
    cc.expect(not used, f"your code uses {', '.join(sorted(used))}; write the opening and the labelling yourself",
              input="your functions' code")
