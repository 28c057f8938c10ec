# Divides the squared deviations by k (statistics.pstdev) instead of k - 1, so the standard error is too small.
import statistics


def one_se_choice(results):
    if not results:
        raise ValueError("empty")
    k = len(results[0][1])
    if k < 2 or any(len(s) != k for _, s in results):
        raise ValueError("bad fold scores")
    means = [sum(s) / k for _, s in results]
    best = means.index(max(means))
    threshold = means[best] - statistics.pstdev(results[best][1]) / k ** 0.5
    return next(name for (name, _), m in zip(results, means) if m >= threshold)
