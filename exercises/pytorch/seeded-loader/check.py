"""Checks ArrayDataset item by item (values, shapes, dtypes, when the
transform runs) and make_loader batch by batch against the reference: the
exact order for a seed, two epochs, the last batch, workers, and that the
global random state is left alone."""

import numpy as np
import torch
from torch.utils.data import DataLoader

import coursecheck as cc

torch.set_num_threads(1)


# Transforms the checker passes (module-level functions, so workers can use them).
def scale(x):
    return 2 * x + 1


def standardise(x):
    """Per item: subtract the item's own mean (differs from the array's mean)."""
    return x - x.mean()


def triple_in_place(x):
    return x.mul_(3)


def flatten(x):
    return x.reshape(-1)


TRANSFORMS = {"none": None, "scale": scale, "standardise": standardise,
              "triple_in_place": triple_in_place, "flatten": flatten}


class Counting:
    """A transform that counts its calls."""

    def __init__(self):
        self.calls = 0

    def __call__(self, x):
        self.calls += 1
        return x + 1


def dataset_view(cls):
    """Wraps a Dataset class: its length and every item, read twice."""

    def ArrayDataset(features, labels, transform="none"):
        ds = cls(features, labels, TRANSFORMS[transform])
        n = len(ds)
        cc.expect(isinstance(n, int), "len(dataset) should be an int", expected=str(len(features)), actual=cc.show(n))
        return {"len(dataset)": n,
                "items": [ds[i] for i in range(len(features))],
                "items read again": [ds[i] for i in range(len(features))]}

    return ArrayDataset


def loader_view(make, dataset_cls):
    """Wraps make_loader: len(loader) and the batches of two epochs."""

    def make_loader(features, labels, batch_size, seed, drop_last=False, num_workers=0):
        ds = dataset_cls(features, labels)
        loader = make(ds, batch_size, seed, drop_last=drop_last, num_workers=num_workers)
        cc.expect(isinstance(loader, DataLoader), "make_loader should return a torch.utils.data.DataLoader",
                  expected="DataLoader", actual=cc.show(loader))
        return {"len(loader)": len(loader),
                "epoch 1": [list(b) for b in loader],
                "epoch 2": [list(b) for b in loader]}

    return make_loader


def arrays(rng, n=None):
    n = rng.randint(1, 3 + 2 * rng.case) if n is None else n
    shape = rng.choice([(n, rng.randint(1, 4)), (n, 2, 3), (n,)])
    dtype = rng.choice(["float64", "float32", "uint8", "int64"])
    features = rng.array(shape, dtype, 0, 9)
    labels = rng.array((n,), rng.choice(["int64", "int32"]), 0, 4)
    return features, labels


def grid(n, d=2, dtype="float64"):
    return np.arange(n * d, dtype=dtype).reshape(n, d), np.arange(n, dtype="int64") % 3


def test_dataset_items_are_float32_rows_and_int64_labels(learner, ref):
    for dtype in ("float64", "float32", "uint8", "int64"):
        features, labels = grid(4, 3, dtype)
        cc.compare(dataset_view(learner.ArrayDataset), dataset_view(ref.ArrayDataset), features, labels)


def test_dataset_length_is_the_number_of_rows(learner, ref):
    features, labels = grid(5, 4)  # 20 elements, 5 rows
    cc.compare(dataset_view(learner.ArrayDataset), dataset_view(ref.ArrayDataset), features, labels)
    cc.compare(dataset_view(learner.ArrayDataset), dataset_view(ref.ArrayDataset), np.zeros((1, 2, 2)), np.array([3]))


def test_dataset_applies_the_transform_to_each_item(learner, ref):
    features, labels = grid(3, 4)
    for name in ("scale", "standardise", "flatten"):
        cc.compare(dataset_view(learner.ArrayDataset), dataset_view(ref.ArrayDataset), features, labels, name)


def test_dataset_runs_the_transform_at_every_read_not_in_init(learner):
    features, labels = grid(3)
    counting = Counting()
    ds = learner.ArrayDataset(features, labels, counting)  # not cc.call: it would copy the counter
    cc.expect(counting.calls == 0, "ArrayDataset(features, labels, transform) should not call the transform in "
              "__init__; apply it in __getitem__, to one item", expected="0 calls", actual=f"{counting.calls} calls")
    ds[1]
    ds[1]
    cc.expect(counting.calls == 2, "reading dataset[1] twice should call the transform twice, once per read, so "
              "that a random augmentation differs from epoch to epoch", expected="2 calls", actual=f"{counting.calls} calls")


def test_dataset_reading_never_changes_the_features(learner, ref):
    # cc.compare fails if the call changed its arguments: an in-place transform
    # on a tensor that shares memory with the array would.
    features, labels = grid(4, 2, "float32")
    cc.compare(dataset_view(learner.ArrayDataset), dataset_view(ref.ArrayDataset), features, labels, "triple_in_place")


def test_dataset_rejects_features_and_labels_of_different_lengths(learner):
    cc.expect_raises(ValueError, learner.ArrayDataset, np.zeros((5, 2)), np.zeros(4, dtype="int64"))
    cc.expect_raises(ValueError, learner.ArrayDataset, np.zeros((3, 2)), np.zeros(4, dtype="int64"))


def test_dataset_matches_the_reference_on_random_arrays(learner, ref):
    for rng in cc.random_cases(20, seed=11):
        features, labels = arrays(rng)
        cc.compare(dataset_view(learner.ArrayDataset), dataset_view(ref.ArrayDataset), features, labels,
                   rng.choice(sorted(TRANSFORMS)))


def test_loader_gives_the_exact_batches_for_a_seed(learner, ref):
    features, labels = grid(10)
    for batch_size, seed in ((4, 0), (3, 7), (10, 1), (1, 2)):
        cc.compare(loader_view(learner.make_loader, ref.ArrayDataset), loader_view(ref.make_loader, ref.ArrayDataset),
                   features, labels, batch_size, seed, rtol=0, atol=0)


def test_loader_keeps_a_smaller_last_batch_unless_drop_last(learner, ref):
    features, labels = grid(10)
    for batch_size, drop_last in ((4, False), (4, True), (5, True), (12, False), (12, True)):
        cc.compare(loader_view(learner.make_loader, ref.ArrayDataset), loader_view(ref.make_loader, ref.ArrayDataset),
                   features, labels, batch_size, 3, drop_last, rtol=0, atol=0)


def test_loader_ignores_the_global_random_state(learner):
    features, labels = grid(12)
    runs = []
    for global_seed in (1, 2):
        torch.manual_seed(global_seed)
        loader = cc.call(learner.make_loader, learner_dataset(learner, features, labels), 4, 5)
        runs.append([b[0][:, 0].tolist() for b in loader])
    cc.expect(runs[0] == runs[1], "make_loader(dataset, 4, seed=5) gave different batches after torch.manual_seed(1) "
              "and torch.manual_seed(2): the order should depend only on seed (give the DataLoader a seeded generator)",
              expected=str(runs[0]), actual=str(runs[1]))


def learner_dataset(learner, features, labels):
    return learner.ArrayDataset(features, labels)


def test_loader_leaves_the_global_random_state_alone(learner):
    features, labels = grid(12)
    before = torch.get_rng_state()
    loader = cc.call(learner.make_loader, learner_dataset(learner, features, labels), 4, 5)
    for _ in range(2):
        for _ in loader:
            pass
    after = torch.get_rng_state()
    cc.expect(torch.equal(before, after), "building make_loader(dataset, 4, 5) and iterating it for two epochs changed "
              "torch's global random state (torch.get_rng_state()); use a torch.Generator of your own, passed as "
              "DataLoader(generator=...), and never torch.manual_seed",
              expected="the state unchanged", actual="a different state")


def test_loader_orders_differ_between_seeds_and_epochs(learner):
    features, labels = grid(20)
    ds = learner_dataset(learner, features, labels)
    firsts = {}
    for seed in range(4):
        loader = cc.call(learner.make_loader, ds, 20, seed)
        epochs = [tuple(b[0][:, 0].tolist()) for _ in range(2) for b in loader]
        cc.expect(epochs[0] != epochs[1], f"make_loader(dataset, 20, {seed}) gave the same order in two epochs; "
                  "create the generator once, so each epoch continues it", expected="two different orders",
                  actual=str(epochs[0]))
        firsts[seed] = epochs[0]
    cc.expect(len(set(firsts.values())) == 4, "seeds 0, 1, 2 and 3 should give four different orders",
              expected="4 different first epochs", actual=str(firsts))


def test_loader_with_workers_gives_the_same_batches(learner, ref):
    features, labels = grid(9)
    expected = loader_view(ref.make_loader, ref.ArrayDataset)(features, labels, 4, 6)
    actual = cc.call(loader_view(learner.make_loader, ref.ArrayDataset), features, labels, 4, 6, False, 2)
    d = cc.describe_difference(actual, expected, 0, 0)
    cc.expect(d is None, f"make_loader(dataset, 4, 6, num_workers=2) should give the batches of num_workers=0: {d}",
              expected=cc.show(expected), actual=cc.show(actual))


def test_loader_matches_the_reference_on_random_data(learner, ref):
    for rng in cc.random_cases(20, seed=12):
        features, labels = arrays(rng, rng.randint(1, 4 + 3 * rng.case))
        cc.compare(loader_view(learner.make_loader, ref.ArrayDataset), loader_view(ref.make_loader, ref.ArrayDataset),
                   features, labels, rng.randint(1, 8), rng.randint(0, 10**6), rng.random() < 0.5, rtol=0, atol=0)


def test_loader_works_with_the_learners_dataset(learner, ref):
    features, labels = grid(7, 3, "uint8")
    cc.compare(loader_view(learner.make_loader, learner.ArrayDataset), loader_view(ref.make_loader, ref.ArrayDataset),
               features, labels, 3, 4, rtol=0, atol=0)
