"""Checks group_split by the rule its text states: the two sets partition
the indices, no group is on both sides, exactly floor(f * G + 0.5) groups
(round half up, kept between 1 and G - 1) are held out, both lists are in
increasing order, the seed decides the split (and only the seed: the global
random state is left alone), and bad input raises ValueError. Which groups
are held out is free: any shuffle passes."""

import math
import random

import coursecheck as cc

EDGE_CASES = [
    (["a", "b"], 0.5, 0),
    (["a", "a", "b"], 0.5, 1),
    (["rex", "rex", "tom", "ada", "ada", "ada"], 0.34, 2),
    ([1, 1, 1, 2, 2, 3, 3, 3, 3, 4], 0.25, 3),
    (["p1"] * 5 + ["p2"] + ["p3"] * 2, 0.1, 4),
    (["p1", "p2", "p3", "p4"], 0.9, 5),
    (["x", "y", "x", "y", "z", "x"], 0.5, 6),
    ([(0, 1), (0, 1), (2, 3)], 0.5, 7),
    (["g%d" % (i % 10) for i in range(40)], 0.2, 8),
    (list("abcde"), 0.5, 9),  # 2.5 groups round half up to 3 (round() gives 2)
    (["g%d" % (i % 10) for i in range(30)], 0.25, 10),  # 2.5 -> 3
    (list("abcdefghi") * 2, 0.5, 11),  # 4.5 -> 5
    (["a", "b", "a", "c"], 0.5, 12),  # 1.5 -> 2
    (["x", "y"], 0.2, 13),  # 0.4 -> 0, but at least 1
]


def _check_split(learner, ref, groups, test_fraction, seed):
    n = len(groups)
    call = f"group_split({cc.show(groups, 60)}, {test_fraction!r}, {seed})"

    def differ(actual, expected):
        ok = isinstance(actual, (tuple, list)) and len(actual) == 2 and all(isinstance(p, (list, tuple)) for p in actual)
        cc.expect(ok, f"{call}: it should return two lists (train, test), got {cc.show(actual, 200)}",
                  expected="(train, test)", actual=cc.show(actual))
        train, test = actual
        bad = [i for i in list(train) + list(test) if not isinstance(i, int) or isinstance(i, bool) or not 0 <= i < n]
        cc.expect(not bad, f"{call}: {cc.show(bad[:5])} are not indices 0..{n - 1}", actual=cc.show(actual))
        both = sorted(set(train) & set(test))
        cc.expect(not both, f"{call}: indices {both[:5]} are in both sets; train and test must be disjoint",
                  actual=cc.show(actual))
        cc.expect(len(set(train)) == len(train) and len(set(test)) == len(test),
                  f"{call}: an index appears twice in the same set", actual=cc.show(actual))
        missing = sorted(set(range(n)) - set(train) - set(test))
        cc.expect(not missing, f"{call}: {len(missing)} of {n} indices are in neither set (first: {missing[:5]})",
                  expected=f"all {n} indices", actual=cc.show(actual))
        train_groups = {groups[i] for i in train}
        test_groups = {groups[i] for i in test}
        shared = [g for g in dict.fromkeys(groups) if g in train_groups and g in test_groups]
        if shared:
            g = shared[0]
            where_train = [i for i in train if groups[i] == g]
            where_test = [i for i in test if groups[i] == g]
            cc.expect(False, f"{call}: group {g!r} is on both sides (train indices {where_train[:5]}, "
                      f"test indices {where_test[:5]}); a group's samples must all go to the same set",
                      expected=f"group {g!r} only in train or only in test", actual=cc.show(actual))
        total = len(dict.fromkeys(groups))
        share = test_fraction * total
        want = min(max(math.floor(share + 0.5), 1), total - 1)
        cc.expect(len(test_groups) == want,
                  f"{call}: the test set holds {len(test_groups)} of the {total} groups; test_fraction is a fraction "
                  f"of groups, {test_fraction} * {total} = {share:g}, rounded half up (floor({share:g} + 0.5), "
                  f"not Python's round(), which sends halves to the even number) and kept between 1 and G - 1: {want}",
                  expected=f"{want} groups in test", actual=f"{len(test_groups)} groups in test")
        for name, part in (("train", train), ("test", test)):
            cc.expect(list(part) == sorted(part),
                      f"{call}: the {name} list is not in increasing order; list the indices in order "
                      "(for i, g in enumerate(groups)) or return sorted lists",
                      expected=cc.show(sorted(part)), actual=cc.show(list(part)))
        return None

    cc.compare(learner.group_split, ref.group_split, groups, test_fraction, seed, differ=differ)


def test_no_group_on_both_sides_on_edge_cases(learner, ref):
    for groups, f, seed in EDGE_CASES:
        _check_split(learner, ref, groups, f, seed)


def test_no_group_on_both_sides_on_random_groups(learner, ref):
    for rng in cc.random_cases(30, seed=31):
        n_groups = rng.randint(2, 3 + rng.case)
        sizes = [rng.randint(1, 6) for _ in range(n_groups)]
        groups = [f"pet{g}" for g, size in enumerate(sizes) for _ in range(size)]
        rng.shuffle(groups)
        f = round(rng.uniform(0.1, 0.9), 2)
        _check_split(learner, ref, groups, f, rng.randint(0, 10**6))


def test_the_same_seed_gives_the_same_split(learner):
    groups = [f"patient{i % 9}" for i in range(30)]
    for seed in (0, 5):
        first = cc.call(learner.group_split, groups, 0.3, seed)
        random.random()
        second = cc.call(learner.group_split, groups, 0.3, seed)
        cc.expect([sorted(p) for p in first] == [sorted(p) for p in second],
                  f"group_split(groups, 0.3, {seed}) returned different splits on two calls; use random.Random(seed)",
                  expected=cc.show(first), actual=cc.show(second))


def test_different_seeds_give_different_splits(learner):
    groups = [f"patient{i % 12}" for i in range(36)]
    seen = {}
    for seed in range(4):
        train, test = cc.call(learner.group_split, groups, 0.25, seed)
        key = tuple(sorted(test))
        cc.expect(key not in seen,
                  f"group_split(groups, 0.25, seed) gave the same test set for seeds {seen.get(key)} and {seed}; "
                  "the seed must choose which groups are held out",
                  expected="a different split for each seed", actual=cc.show(test))
        seen[key] = seed


def test_leaves_the_global_random_state_alone(learner):
    random.seed(11)
    before = random.random()
    random.seed(11)
    cc.call(learner.group_split, [f"patient{i % 6}" for i in range(20)], 0.3, 4)
    after = random.random()
    cc.expect(before == after,
              "group_split(groups, 0.3, 4) changed the global random generator (random.seed or random.shuffle); "
              "use a private random.Random(seed) so other code is not affected",
              expected=f"random.random() after the call = {before!r}", actual=repr(after))


def test_rejects_empty_input_one_group_and_invalid_fractions(learner):
    fn = learner.group_split
    cc.expect_raises(ValueError, fn, [], 0.2, 0)
    cc.expect_raises(ValueError, fn, ["a", "a", "a"], 0.5, 0)
    for f in (0, 1, -0.5, 1.5):
        cc.expect_raises(ValueError, fn, ["a", "b", "c"], f, 0)
