# Applies the transform once to the whole array in __init__ instead of to each item when it is read.
import torch
from torch.utils.data import DataLoader, Dataset, RandomSampler


class ArrayDataset(Dataset):
    def __init__(self, features, labels, transform=None):
        if len(features) != len(labels):
            raise ValueError("features and labels differ in length")
        x = torch.tensor(features, dtype=torch.float32)
        self.features = transform(x) if transform is not None else x
        self.labels = labels

    def __len__(self):
        return len(self.features)

    def __getitem__(self, i):
        return self.features[i], torch.tensor(self.labels[i], dtype=torch.int64)


def make_loader(dataset, batch_size, seed, drop_last=False, num_workers=0):
    g = torch.Generator()
    g.manual_seed(seed)
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, generator=g,
                      drop_last=drop_last, num_workers=num_workers)

