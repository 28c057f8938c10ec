"""A Dataset over arrays with a transform, and a seeded DataLoader (reference)."""

import torch
from torch.utils.data import DataLoader, Dataset


class ArrayDataset(Dataset):
    """Row i of features and label i, the row passed through transform."""

    def __init__(self, features, labels, transform=None):
        if len(features) != len(labels):
            raise ValueError(f"features has {len(features)} rows but labels has {len(labels)}")
        self.features = features
        self.labels = labels
        self.transform = transform

    def __len__(self):
        return len(self.features)

    def __getitem__(self, i):
        x = torch.tensor(self.features[i], dtype=torch.float32)  # a copy, never a view
        if self.transform is not None:
            x = self.transform(x)
        y = torch.tensor(self.labels[i], dtype=torch.int64)
        return x, y


def make_loader(dataset, batch_size, seed, drop_last=False, num_workers=0):
    """A shuffling DataLoader whose batches depend only on seed."""
    generator = torch.Generator()
    generator.manual_seed(seed)
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, generator=generator,
                      drop_last=drop_last, num_workers=num_workers)
