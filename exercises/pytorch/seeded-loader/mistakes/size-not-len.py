# Uses features.size (every element of the array) as the length instead of the number of rows.
import torch
from torch.utils.data import DataLoader, Dataset, RandomSampler


class ArrayDataset(Dataset):
    def __init__(self, features, labels, transform=None):
        if len(features) != len(labels):
            raise ValueError("features and labels differ in length")
        self.features, self.labels, self.transform = features, labels, transform

    def __len__(self):
        return self.features.size

    def __getitem__(self, i):
        x = torch.tensor(self.features[i % len(self.features)], dtype=torch.float32)
        if self.transform is not None:
            x = self.transform(x)
        return x, torch.tensor(self.labels[i % len(self.labels)], dtype=torch.int64)


def make_loader(dataset, batch_size, seed, drop_last=False, num_workers=0):
    g = torch.Generator()
    g.manual_seed(seed)
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, generator=g,
                      drop_last=drop_last, num_workers=num_workers)

