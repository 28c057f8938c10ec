"""k-fold cross-validation indices.

Write kfold_indices(n, k). Cut 0..n-1 into k contiguous folds, in order;
the first n % k folds get n // k + 1 samples and the others n // k, so fold
sizes differ by at most one (this is what scikit-learn's KFold does when it
does not shuffle). Return a list of k pairs (train, test): fold f is the
test set of pair f, and every other index, in increasing order, is its
training set.

    kfold_indices(5, 2)  ->  [([3, 4], [0, 1, 2]), ([0, 1, 2], [3, 4])]

Raise ValueError when n or k is not an integer (a float such as 5.0, or a
bool), n < 1, k < 2, or k > n (a fold would be empty).
"""


def kfold_indices(n, k):
    """Return [(train, test), ...] for k contiguous folds of 0..n-1."""
    size = n // k
    folds = []
    for f in range(k):
        test = list(range(f * size, (f + 1) * size))
        # TODO: the n % k leftover samples are never tested, and train is empty.
        folds.append(([], test))
    return folds
