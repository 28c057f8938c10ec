"""A Dataset over arrays with a transform, and a seeded DataLoader.

1. ArrayDataset(features, labels, transform=None): a map-style Dataset over
   a numpy array features of shape (n, ...) and a numpy integer array
   labels of shape (n,). Raise ValueError when their lengths differ.
   - len(dataset) is n.
   - dataset[i] returns (x, y): x is row i of features as a float32 tensor
     (whatever the array's dtype), passed through transform(x) when a
     transform is given; y is label i as an int64 tensor of shape ().
   - Apply the transform in __getitem__, to one item, every time an item is
     read (never to the whole array), so a random augmentation changes from
     epoch to epoch.
   - Reading an item never changes features, even when the transform works
     in place.

2. make_loader(dataset, batch_size, seed, drop_last=False, num_workers=0):
   a DataLoader that shuffles with its own torch.Generator seeded with seed,
   given to the DataLoader as generator=, and otherwise uses the defaults
   (the default collate: each batch is [x, y] with x of shape
   (batch, ...) float32 and y of shape (batch,) int64).
   - drop_last and num_workers are passed on: the last batch holds the
     n % batch_size leftover items unless drop_last is True.
   - Two loaders with the same seed give the same batches, epoch after
     epoch, whatever the global random state; different seeds give
     different orders; num_workers does not change the batches.
   - Building and iterating the loader leaves torch's global random state
     (torch.get_rng_state()) as it was.
"""

import torch
from torch.utils.data import DataLoader, Dataset


class ArrayDataset(Dataset):
    """Row i of features and label i, the row passed through transform."""

    def __init__(self, features, labels, transform=None):
        raise NotImplementedError("ArrayDataset is not written yet")

    def __len__(self):
        raise NotImplementedError

    def __getitem__(self, i):
        raise NotImplementedError


def make_loader(dataset, batch_size, seed, drop_last=False, num_workers=0):
    """A shuffling DataLoader whose batches depend only on seed."""
    raise NotImplementedError("make_loader is not written yet")
