# On a tie for the best mean, takes the last tied model (>= in the search), whose standard error may differ.
import statistics


def one_se_choice(results):
    if not results:
        raise ValueError("empty")
    k = len(results[0][1])
    if k < 2 or any(len(s) != k for _, s in results):
        raise ValueError("bad fold scores")
    means = [sum(s) / k for _, s in results]
    best = 0
    for j, m in enumerate(means):
        if m >= means[best]:
            best = j
    threshold = means[best] - statistics.stdev(results[best][1]) / k ** 0.5
    return next(name for (name, _), m in zip(results, means) if m >= threshold)
