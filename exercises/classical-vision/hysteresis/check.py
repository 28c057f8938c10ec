"""Checks hysteresis: candidates (mag >= low) 8-connected through candidates
to a strong pixel (mag >= high). The reference labels the 8-connected
components of the candidate mask with OpenCV 4.6's cv2.connectedComponents
(connectivity=8) when OpenCV is installed, else with a depth-first search,
and keeps the components that hold a strong pixel. Masks compare exactly."""

import types

import numpy as np

import coursecheck as cc

try:
    import cv2
except ImportError:
    cv2 = None


def hysteresis(mag, low, high):
    """The reference."""
    candidate = mag >= low
    strong = mag >= high
    if cv2 is not None:
        _, labels = cv2.connectedComponents(candidate.astype(np.uint8), connectivity=8)
        keep = np.unique(labels[strong])
        return np.isin(labels, keep[keep > 0]) & candidate
    h, w = mag.shape
    kept = strong.copy()
    stack = [tuple(p) for p in np.argwhere(kept)]
    while stack:
        y, x = stack.pop()
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                ny, nx = y + dy, x + dx
                if 0 <= ny < h and 0 <= nx < w and candidate[ny, nx] and not kept[ny, nx]:
                    kept[ny, nx] = True
                    stack.append((ny, nx))
    return kept


def differ(actual, expected):
    d = cc.describe_difference(actual, expected, 0, 0)
    if d and isinstance(actual, np.ndarray) and actual.shape == expected.shape and actual.dtype == expected.dtype:
        wrong = np.argwhere(actual != expected)
        y, x = wrong[0]
        d += (f"; {len(wrong)} pixel(s) differ, the first at row {y}, column {x}: expected "
              f"{bool(expected[y, x])}, got {bool(actual[y, x])}")
    return d


def same(learner, mag, low, high):
    return cc.compare(learner.hysteresis, hysteresis, mag, low, high, differ=differ)


def grid(rows):
    """A magnitude map from strings: '#' = 9 (strong), '+' = 5 (weak), '.' = 0."""
    value = {"#": 9.0, "+": 5.0, ".": 0.0}
    return np.array([[value[c] for c in row] for row in rows])


def test_hysteresis_keeps_a_weak_line_touching_a_strong_pixel(learner):
    mag = grid(["......",
                ".#++..",
                "......",
                "..++..",
                "......"])
    same(learner, mag, 4.0, 8.0)


def test_hysteresis_returns_a_bool_mask_of_the_input_shape(learner):
    mag = grid(["#+.", "..+", "+.."])
    out = cc.call(learner.hysteresis, mag, 4.0, 8.0)
    cc.expect(isinstance(out, np.ndarray) and out.shape == (3, 3) and out.dtype == np.bool_,
              f"hysteresis(array(shape=(3, 3), dtype=float64), 4.0, 8.0) should return a bool array of shape "
              f"(3, 3), got {_brief(out)}", expected="array(shape=(3, 3), dtype=bool)", actual=_brief(out))


def test_hysteresis_counts_a_pixel_equal_to_high_as_strong(learner):
    mag = np.array([[0.0, 0.0, 0.0, 0.0], [0.0, 8.0, 5.0, 5.0], [0.0, 0.0, 0.0, 0.0]])
    same(learner, mag, 4.0, 8.0)           # 8.0 >= 8.0: strong, and its chain is kept
    same(learner, mag, 4.0, 8.0 + 1e-9)    # just above: nothing is strong


def test_hysteresis_counts_a_pixel_equal_to_low_as_a_candidate(learner):
    mag = np.array([[9.0, 4.0, 4.0, 6.0], [0.0, 0.0, 0.0, 0.0]])
    same(learner, mag, 4.0, 8.0)           # 4.0 >= 4.0: the chain reaches the 6
    same(learner, mag, 4.0 + 1e-9, 8.0)    # just above: the chain breaks after the 9


def test_hysteresis_follows_diagonal_steps(learner):
    # Only diagonal steps connect these weak pixels: 8-connectivity keeps
    # them all, 4-connectivity none.
    mag = grid(["#.....",
                ".+....",
                "..+...",
                ".+.+..",
                "+...+.",
                "......"])
    same(learner, mag, 4.0, 8.0)


def test_hysteresis_follows_long_chains_in_every_direction(learner):
    # A spiral of weak pixels from a strong pixel in the bottom-right corner,
    # going up, left, down and right again: one pass in any single direction
    # does not reach the end.
    rows = ["+++++++++",
            "+.......+",
            "+.+++++.+",
            "+.+...+.+",
            "+.+.+.+.+",
            "+.+.+++.+",
            "+.+.....+",
            "+.+++++++",
            "+.......#"]
    mag = grid(rows)
    mag[8, 0] = 5.0
    same(learner, mag, 4.0, 8.0)
    same(learner, mag[::-1, ::-1].copy(), 4.0, 8.0)
    same(learner, mag.T.copy(), 4.0, 8.0)


def test_hysteresis_drops_weak_components_without_a_strong_pixel(learner):
    mag = grid(["++...+",
                "++...+",
                "....#.",
                "+.....",
                ".+...."])
    same(learner, mag, 4.0, 8.0)


def test_hysteresis_does_not_wrap_around_the_edges(learner):
    mag = grid(["#....+",
                "......",
                "......",
                "+....."])
    same(learner, mag, 4.0, 8.0)
    same(learner, mag.T.copy(), 4.0, 8.0)


def test_hysteresis_with_low_equal_to_high_is_a_plain_threshold(learner):
    g = np.random.default_rng(3)
    mag = g.integers(0, 10, (6, 7)).astype(np.float64)
    same(learner, mag, 5.0, 5.0)


def test_hysteresis_matches_the_reference_on_random_magnitudes(learner):
    for rng in cc.random_cases(30, seed=5):
        g = rng.numpy()
        h, w = rng.randint(1, 6 + 2 * rng.case), rng.randint(1, 6 + 2 * rng.case)
        mag = g.integers(0, 20, (h, w)).astype(np.float64) * 10  # many values exactly at the thresholds
        low = float(10 * rng.randint(0, 12))
        high = float(10 * rng.randint(low // 10, 19))
        same(learner, mag, low, high)


def test_hysteresis_on_sobel_magnitudes_of_a_noisy_disc(learner):
    g = np.random.default_rng(7)
    yy, xx = np.mgrid[:32, :32]
    img = 100.0 * ((yy - 15.5) ** 2 + (xx - 15.5) ** 2 < 100) + g.normal(0, 8, (32, 32))
    p = np.pad(img, 1, mode="reflect")
    d, e = p[:, 2:] - p[:, :-2], p[2:, :] - p[:-2, :]
    mag = np.hypot(d[:-2] + 2 * d[1:-1] + d[2:], e[:, :-2] + 2 * e[:, 1:-1] + e[:, 2:])
    same(learner, mag, 100.0, 250.0)


def test_hysteresis_returns_a_new_array_and_leaves_mag_unchanged(learner):
    mag = grid(["#+.", ".+.", "..+"])

    def hysteresis(mag, low, high):  # named like the learner's, for the message
        return mag, learner.hysteresis(mag, low, high)

    mag2, out = cc.call(hysteresis, mag, 4.0, 8.0)
    cc.expect(not (isinstance(out, np.ndarray) and np.shares_memory(out, mag2)),
              "hysteresis(array(shape=(3, 3), dtype=float64), 4.0, 8.0) returned an array that shares memory "
              "with mag; return a new array", expected="a new array", actual="a view of mag")
    same(learner, mag, 4.0, 8.0)  # compare() fails if mag changed


def test_hysteresis_rejects_low_above_high(learner):
    cc.expect_raises(ValueError, learner.hysteresis, grid(["#+", "+."]), 8.0, 4.0)


def test_hysteresis_rejects_arrays_that_are_not_2d(learner):
    cc.expect_raises(ValueError, learner.hysteresis, np.zeros(5), 1.0, 2.0)
    cc.expect_raises(ValueError, learner.hysteresis, np.zeros((3, 3, 1)), 1.0, 2.0)


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


def test_hysteresis_uses_numpy_only(learner):
    for name, value in vars(learner).items():
        module = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
        cc.expect(not (isinstance(module, str) and module.split(".")[0] in ("cv2", "scipy", "skimage")),
                  f"your file imports {module} (as {name}); the task is to write the search in numpy and Python: "
                  "remove the import", input="your file")
    used = _names(learner.hysteresis.__code__) & {"cv2", "scipy", "skimage", "connectedComponents", "label",
                                                  "apply_hysteresis_threshold"}
    cc.expect(not used, f"hysteresis uses {', '.join(sorted(used))}; write the search yourself",
              input="hysteresis's code")
