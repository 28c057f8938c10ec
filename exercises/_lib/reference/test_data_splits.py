"""The data-splits solutions against scikit-learn's splitters.

Each exercise's solution.py is imported by path and compared with the
splitter whose guarantees it claims in its lesson:

  kfold               KFold(n_splits=k), index for index
  time-series-splits  TimeSeriesSplit(n_splits, gap=gap), index for index,
                      and ValueError exactly where scikit-learn raises
  stratified-split    every class within one sample of its share, and for
                      the same test-set size at least as close to it as
                      StratifiedShuffleSplit's
  group-split         no group on both sides, as GroupShuffleSplit, with a
                      number of test groups within one of its
  train-val-test      sizes within one of train_test_split's
  find-leaks          every pair a brute-force double loop finds

Run: /usr/bin/python3 -m unittest exercises/_lib/reference/test_data_splits.py
(needs python3-sklearn).
"""

import importlib.util
import math
import pathlib
import random
import unittest

import numpy as np
from sklearn.model_selection import (
    GroupShuffleSplit,
    KFold,
    StratifiedShuffleSplit,
    TimeSeriesSplit,
    train_test_split,
)

EXERCISES = pathlib.Path(__file__).resolve().parents[2] / "data-splits"


def load(slug):
    path = EXERCISES / slug / "solution.py"
    spec = importlib.util.spec_from_file_location(f"solution_{slug.replace('-', '_')}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def class_deviation(labels, test, f):
    """The largest |t_c - f * n_c| over the classes, where t_c counts class c
    in test."""
    labels = list(labels)
    worst = 0.0
    for c in set(labels):
        n_c = labels.count(c)
        t_c = sum(1 for i in test if labels[i] == c)
        worst = max(worst, abs(t_c - f * n_c))
    return worst


class KFoldTest(unittest.TestCase):
    def test_folds_equal_sklearn_kfold(self):
        kfold_indices = load("kfold").kfold_indices
        for n in range(2, 60):
            for k in range(2, min(n, 12) + 1):
                ours = kfold_indices(n, k)
                theirs = [(tr.tolist(), te.tolist()) for tr, te in KFold(n_splits=k).split(np.zeros(n))]
                self.assertEqual([(list(a), list(b)) for a, b in ours], theirs, f"n={n} k={k}")

    def test_k_above_n_raises_as_in_sklearn(self):
        kfold_indices = load("kfold").kfold_indices
        for n, k in [(3, 4), (1, 2), (5, 6)]:
            with self.assertRaises(ValueError):
                list(KFold(n_splits=k).split(np.zeros(n)))
            with self.assertRaises(ValueError):
                kfold_indices(n, k)


class TimeSeriesTest(unittest.TestCase):
    def test_splits_equal_sklearn_time_series_split(self):
        time_series_splits = load("time-series-splits").time_series_splits
        compared = 0
        for n in range(1, 40):
            for n_splits in range(2, 8):
                for gap in range(0, 8):
                    try:
                        theirs = [(tr.tolist(), te.tolist())
                                  for tr, te in TimeSeriesSplit(n_splits=n_splits, gap=gap).split(np.zeros(n))]
                    except ValueError:
                        theirs = None
                    if theirs is None:
                        with self.assertRaises(ValueError, msg=f"n={n} n_splits={n_splits} gap={gap}"):
                            time_series_splits(n, n_splits, gap)
                        continue
                    ours = time_series_splits(n, n_splits, gap)
                    self.assertEqual([(list(a), list(b)) for a, b in ours], theirs,
                                     f"n={n} n_splits={n_splits} gap={gap}")
                    compared += 1
        self.assertGreater(compared, 500)


class StratifiedTest(unittest.TestCase):
    def test_class_ratios_at_least_as_close_as_stratified_shuffle_split(self):
        stratified_split = load("stratified-split").stratified_split
        rng = random.Random(7)
        compared = 0
        for case in range(300):
            k = rng.randint(2, 5)
            n = rng.randint(4 * k, 120)
            labels = [rng.randrange(k) for _ in range(n)]
            counts = [labels.count(c) for c in range(k)]
            f = round(rng.uniform(0.1, 0.5), 2)
            _, our_test = stratified_split(labels, f, case)
            if min(counts) < 2 or min(math.ceil(f * n), len(our_test)) < k or n - max(math.ceil(f * n), len(our_test)) < k:
                continue  # StratifiedShuffleSplit refuses these
            sss = StratifiedShuffleSplit(n_splits=1, test_size=f, random_state=case)
            _, their_test = next(sss.split(np.zeros(n), labels))
            # scikit-learn again, told to draw exactly as many test samples as we did
            same_total = StratifiedShuffleSplit(n_splits=1, test_size=len(our_test), random_state=case)
            _, their_same = next(same_total.split(np.zeros(n), labels))
            # Within one sample of f * n_c for every class, as the lesson promises.
            self.assertLess(class_deviation(labels, our_test, f), 1, f"labels={labels} f={f}")
            # The totals differ at most by rounding: scikit-learn takes ceil(f * n), the lesson round(f * n).
            self.assertLessEqual(abs(len(our_test) - len(their_test)), 1)
            self.assertLessEqual(abs(len(our_test) - f * n), 0.5 + 1e-9)
            # For the same total, each class is at least as close to its share as in scikit-learn's split.
            ours, theirs = class_deviation(labels, our_test, f), class_deviation(labels, their_same, f)
            compared += 1
            self.assertLessEqual(ours, theirs + 1e-9, f"labels={labels} f={f}: ours {ours}, sklearn {theirs}")
        self.assertGreater(compared, 150)


class GroupTest(unittest.TestCase):
    def test_groups_stay_whole_as_in_group_shuffle_split(self):
        group_split = load("group-split").group_split
        rng = random.Random(3)
        for case in range(200):
            g = rng.randint(2, 15)
            groups = [rng.randrange(g) for _ in range(rng.randint(g, 80))]
            g = len(set(groups))
            if g < 2:
                continue
            f = round(rng.uniform(0.1, 0.9), 2)
            gss = GroupShuffleSplit(n_splits=1, test_size=f, random_state=case)
            try:
                their_train, their_test = next(gss.split(np.zeros(len(groups)), groups=groups))
            except ValueError:
                continue  # ceil(f * G) leaves scikit-learn no training group
            train, test = group_split(groups, f, case)
            ours_g = {groups[i] for i in test}
            theirs_g = {groups[i] for i in their_test}
            self.assertFalse(ours_g & {groups[i] for i in train})
            self.assertFalse(theirs_g & {groups[i] for i in their_train})
            self.assertEqual(sorted(train + test), list(range(len(groups))))
            self.assertLessEqual(abs(len(ours_g) - len(theirs_g)), 1, f"G={g} f={f}")


class TrainValTestTest(unittest.TestCase):
    def test_two_way_sizes_within_one_of_train_test_split(self):
        split = load("train-val-test").train_val_test_split
        for n in range(2, 80):
            for f in (0.1, 0.15, 0.2, 0.25, 0.3, 0.33, 0.5, 0.7):
                try:
                    their_train, their_test = train_test_split(list(range(n)), test_size=f, random_state=0)
                except ValueError:
                    continue  # ceil(f * n) leaves scikit-learn no training sample
                train, val, test = split(n, (1 - f, 0.0, f), 0)
                self.assertEqual(val, [])
                self.assertLessEqual(abs(len(test) - len(their_test)), 1, f"n={n} f={f}")
                self.assertEqual(len(train) + len(test), n)
                self.assertLess(abs(len(test) - f * n), 1, f"n={n} f={f}")


class FindLeaksTest(unittest.TestCase):
    def test_equals_a_brute_force_double_loop(self):
        find_leaks = load("find-leaks").find_leaks
        rng = random.Random(11)
        for _ in range(300):
            train = [rng.randrange(6) for _ in range(rng.randint(0, 20))]
            test = [rng.randrange(6) for _ in range(rng.randint(0, 20))]
            brute = [(i, j) for i in range(len(train)) for j in range(len(test)) if train[i] == test[j]]
            self.assertEqual(find_leaks(train, test), brute)


if __name__ == "__main__":
    unittest.main()
