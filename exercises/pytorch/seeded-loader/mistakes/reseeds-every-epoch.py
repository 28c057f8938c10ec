# Creates a new generator at every epoch, so every epoch repeats the same order.
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
        x = torch.tensor(self.features[i], dtype=torch.float32)
        if self.transform is not None:
            x = self.transform(x)
        return x, torch.tensor(self.labels[i], dtype=torch.int64)


class SameEveryEpoch(DataLoader):
    def __iter__(self):
        self.generator.manual_seed(self.seed)
        return super().__iter__()


def make_loader(dataset, batch_size, seed, drop_last=False, num_workers=0):
    g = torch.Generator()
    loader = SameEveryEpoch(dataset, batch_size=batch_size, shuffle=True, generator=g,
                            drop_last=drop_last, num_workers=num_workers)
    loader.seed = seed
    return loader
