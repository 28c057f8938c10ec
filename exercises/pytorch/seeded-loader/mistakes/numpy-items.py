# Returns numpy arrays from __getitem__ instead of float32 and int64 tensors.
import torch
from torch.utils.data import DataLoader, Dataset, RandomSampler


class ArrayDataset(Dataset):
    def __init__(self, features, labels, transform=None):
        if len(features) != len(labels):
            raise ValueError("features and labels differ in length")
        self.features, self.labels, self.transform = features, labels, transform

    def __len__(self):
        return len(self.features)

    def __getitem__(self, i):
        x = self.features[i].copy()
        if self.transform is not None:
            x = self.transform(torch.tensor(x)).numpy()
        return x, self.labels[i]


def make_loader(dataset, batch_size, seed, drop_last=False, num_workers=0):
    g = torch.Generator()
    g.manual_seed(seed)
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, generator=g,
                      drop_last=drop_last, num_workers=num_workers)

