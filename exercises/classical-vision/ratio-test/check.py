"""Checks ratio_test_matches against the task's rule (the reference below).

Distances are computed as np.sqrt(np.sum((desc2 - desc1[i]) ** 2, axis=1))
in float64. The tie and boundary tests use integer descriptors whose
distances are whole numbers (3-4-5 triangles and the like), so d1, d2 and
ratio * d2 are exact and any correct formula agrees; the random tests keep
every query at least 1e-6 (relative) away from d1 == ratio * d2 and from
equal distances, so rounding cannot flip a decision. d1 compares to a
relative 1e-9; indices and order compare exactly."""

import math
import types

import numpy as np

import coursecheck as cc

RTOL = 1e-9


def ratio_test_matches(desc1, desc2, ratio):
    """The task's rule."""
    a, b = np.asarray(desc1, dtype=np.float64), np.asarray(desc2, dtype=np.float64)
    if b.shape[0] < 2:
        return []
    out = []
    for i in range(a.shape[0]):
        dist = np.sqrt(np.sum((b - a[i]) ** 2, axis=1))
        order = sorted(range(len(dist)), key=lambda j: (dist[j], j))
        j1, j2 = order[0], order[1]
        if dist[j1] < ratio * dist[j2]:
            out.append((i, j1, float(dist[j1])))
    return sorted(out, key=lambda m: (m[2], m[0]))


def differ(actual, expected):
    if not isinstance(actual, list):
        return f"expected a list of {len(expected)} tuples (i, j, distance), got {cc.show(actual)} ({type(actual).__name__})"
    for n, m in enumerate(actual):
        if not isinstance(m, tuple) or len(m) != 3:
            return f"item {n} should be a tuple (i, j, distance), got {cc.show(m)}"
        i, j, d = m
        if any(isinstance(x, bool) or not isinstance(x, (int, np.integer)) for x in (i, j)):
            return f"item {n}: i and j should be integers, got {cc.show(m)}"
        if not isinstance(d, (float, np.floating)):
            return f"item {n}: the distance should be a float, got {cc.show(d)} ({type(d).__name__})"
    got = [(int(i), int(j)) for i, j, _ in actual]
    want = [(i, j) for i, j, _ in expected]
    if got != want:
        if sorted(got) == sorted(want):
            return (f"the right matches in the wrong order: expected (i, j) in the order {want} (by distance, then i), "
                    f"got {got}")
        missing = [m for m in want if m not in got]
        extra = [m for m in got if m not in want]
        return f"expected the matches (i, j) {want}, got {got}; missing {missing}, not expected {extra}"
    for (i, j, d), (_, _, e) in zip(actual, expected):
        if not math.isclose(float(d), e, rel_tol=RTOL, abs_tol=1e-12):
            return f"match ({i}, {j}): expected the distance {e!r}, got {float(d)!r}"
    return None


def same(learner, desc1, desc2, ratio):
    return cc.compare(learner.ratio_test_matches, ratio_test_matches, desc1, desc2, ratio, differ=differ)


def test_ratio_test_matches_keeps_clear_matches(learner):
    desc2 = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]])
    desc1 = np.array([[1.0, 0.0], [9.0, 1.0], [5.0, 5.0]])  # the last is equally far from rows 1 and 2
    same(learner, desc1, desc2, 0.8)


def test_ratio_test_matches_returns_a_list_of_int_int_float_tuples(learner):
    desc2 = np.array([[0, 0], [10, 0]])
    out = cc.call(learner.ratio_test_matches, np.array([[1, 0]]), desc2, 0.8)
    ok = (isinstance(out, list) and len(out) == 1 and isinstance(out[0], tuple) and len(out[0]) == 3
          and all(isinstance(x, (int, np.integer)) and not isinstance(x, bool) for x in out[0][:2])
          and isinstance(out[0][2], (float, np.floating)))
    cc.expect(ok, f"ratio_test_matches(array([[1, 0]]), array([[0, 0], [10, 0]]), 0.8) should return [(0, 0, 1.0)], "
              f"a list of tuples (int, int, float); got {cc.show(out)}", expected="[(0, 0, 1.0)]", actual=cc.show(out))


def test_ratio_test_matches_keeps_only_d1_strictly_below_ratio_times_d2(learner):
    # d1 = 3 and d2 = 4 exactly: at ratio 0.75, d1 == ratio * d2 (rejected);
    # at 0.76 kept.
    desc2 = np.array([[3, 0], [0, 4], [20, 20]])
    desc1 = np.array([[0, 0]])
    same(learner, desc1, desc2, 0.75)
    same(learner, desc1, desc2, 0.76)
    same(learner, np.array([[0, 0], [1, 1]]), np.array([[5, 0], [0, 10], [-6, -8]]), 0.5)


def test_ratio_test_matches_compares_distances_not_squared_distances(learner):
    # d1 = 3, d2 = 4, ratio 0.7: 3 >= 2.8 (rejected), but 9 < 0.7 * 16 = 11.2.
    same(learner, np.array([[0, 0]]), np.array([[3, 0], [0, 4]]), 0.7)
    same(learner, np.array([[0, 0, 0]]), np.array([[0, 6, 8], [0, 0, 12], [2, 3, 6]]), 0.6)


def test_ratio_test_matches_rejects_ties_between_the_two_nearest(learner):
    # Two rows of desc2 at the same distance: d1 == d2, never kept, even at ratio 1.
    desc2 = np.array([[4, 0], [0, 4], [-4, 0], [9, 9]])
    same(learner, np.array([[0, 0]]), desc2, 1.0)
    same(learner, np.array([[0, 0], [4, 1]]), desc2, 0.9)
    same(learner, np.array([[1, 1]]), np.array([[1, 1], [1, 1], [7, 7]]), 0.5)   # duplicates: 0 < 0 is false
    same(learner, np.array([[1, 1]]), np.array([[1, 1], [4, 5], [7, 7]]), 0.5)   # d1 = 0 < 0.5 * 5: kept


def test_ratio_test_matches_sorts_by_distance_then_query_index(learner):
    desc2 = np.array([[0, 0], [100, 0], [0, 100], [100, 100]])
    desc1 = np.array([[100, 5], [3, 4], [0, 98], [100, 97], [99, 100]])
    # distances 5, 5, 2, 3, 1: the order is rows 4, 2, 3, 0, 1 (0 before 1 at 5).
    same(learner, desc1, desc2, 0.8)
    same(learner, desc1[::-1], desc2, 0.8)


def test_ratio_test_matches_returns_nothing_without_a_second_candidate(learner):
    same(learner, np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0, 2.0]]), 0.8)
    same(learner, np.array([[1.0, 2.0]]), np.zeros((0, 2)), 0.8)
    same(learner, np.zeros((0, 2)), np.array([[1.0, 2.0], [3.0, 4.0]]), 0.8)


def test_ratio_test_matches_computes_uint8_descriptors_in_float(learner):
    # 10 - 250 wraps to 16 in uint8; in float it is -240.
    desc2 = np.array([[250, 0, 0, 0], [12, 30, 0, 0], [10, 0, 0, 40]], dtype=np.uint8)
    desc1 = np.array([[10, 0, 0, 0], [250, 2, 0, 0], [11, 3, 4, 39]], dtype=np.uint8)
    same(learner, desc1, desc2, 0.8)
    g = np.random.default_rng(3)
    base = g.integers(0, 256, (12, 32), dtype=np.uint8)
    noisy = np.clip(base[[3, 7, 1, 11, 0]].astype(int) + g.integers(-20, 21, (5, 32)), 0, 255).astype(np.uint8)
    same(learner, noisy, base, 0.8)


def _safe(desc1, desc2, ratio):
    """No query within 1e-6 of a decision boundary or of a distance tie."""
    a, b = desc1.astype(np.float64), desc2.astype(np.float64)
    if b.shape[0] < 2:
        return True
    for i in range(a.shape[0]):
        d = np.sort(np.sqrt(np.sum((b - a[i]) ** 2, axis=1)))
        if abs(d[0] - ratio * d[1]) <= 1e-6 * d[1] or np.any(np.diff(d) <= 1e-6 * d[-1]):
            return False
    return True


def test_ratio_test_matches_agrees_with_the_rule_on_random_descriptors(learner):
    for rng in cc.random_cases(24, seed=11):
        g = rng.numpy()
        dim = rng.randint(1, 4 + rng.case)
        while True:
            n2 = rng.randint(2, 4 + rng.case)
            desc2 = g.normal(0, 1, (n2, dim))
            picks = g.integers(0, n2, rng.randint(1, 4 + rng.case))
            desc1 = desc2[picks] + g.normal(0, rng.uniform(0.05, 0.8), (len(picks), dim))
            ratio = round(rng.uniform(0.5, 0.95), 2)
            if _safe(desc1, desc2, ratio):
                break
        same(learner, desc1, desc2, ratio)


def test_ratio_test_matches_leaves_the_descriptors_unchanged(learner):
    g = np.random.default_rng(5)
    desc2 = g.normal(0, 1, (6, 4))
    same(learner, desc2[[1, 4]] + 0.01, desc2, 0.8)  # compare() fails if an argument changed


def test_ratio_test_matches_rejects_bad_shapes_and_ratios(learner):
    a, b = np.zeros((3, 4)), np.ones((5, 4))
    cc.expect_raises(ValueError, learner.ratio_test_matches, np.zeros(4), b, 0.8)
    cc.expect_raises(ValueError, learner.ratio_test_matches, a, np.ones((5, 4, 1)), 0.8)
    cc.expect_raises(ValueError, learner.ratio_test_matches, a, np.ones((5, 3)), 0.8)
    # Column counts that numpy would broadcast, or never compare: still an error.
    cc.expect_raises(ValueError, learner.ratio_test_matches, np.zeros((3, 1)), b, 0.8)
    cc.expect_raises(ValueError, learner.ratio_test_matches, np.zeros((0, 3)), b, 0.8)
    cc.expect_raises(ValueError, learner.ratio_test_matches, a, np.ones((1, 3)), 0.8)
    for ratio in (0, -0.5, 1.01, 2):
        cc.expect_raises(ValueError, learner.ratio_test_matches, a, b, ratio)


def test_ratio_test_matches_accepts_a_ratio_of_1(learner):
    same(learner, np.array([[0, 0], [5, 5]]), np.array([[1, 0], [0, 2], [5, 4]]), 1)


def _names(code):
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const)
    return names


def test_ratio_test_matches_uses_numpy_only(learner):
    for name, value in vars(learner).items():
        module = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
        cc.expect(not (isinstance(module, str) and module.split(".")[0] in ("cv2", "scipy", "sklearn")),
                  f"your file imports {module} (as {name}); the task is to write the ratio test in numpy: "
                  "remove the import", input="your file")
    used = _names(learner.ratio_test_matches.__code__) & {"cv2", "scipy", "sklearn", "BFMatcher", "knnMatch"}
    cc.expect(not used, f"ratio_test_matches uses {', '.join(sorted(used))}; write the search with numpy instead",
              input="ratio_test_matches's code")
