# Uses |a|^2 + |b|^2 - 2 a.b: rounding makes some squared distances negative, so sqrt gives NaN.
import torch


def pairwise_distances(a, b):
    sq = (a * a).sum(dim=1)[:, None] + (b * b).sum(dim=1)[None, :] - 2 * a @ b.T
    return sq.sqrt()
