# Averages each model over its own number of scores and never checks that all models share the same folds.
import statistics


def one_se_choice(results):
    if not results:
        raise ValueError("empty")
    if any(len(s) < 2 for _, s in results):
        raise ValueError("fewer than two fold scores")
    means = [sum(s) / len(s) for _, s in results]
    best = means.index(max(means))
    scores = results[best][1]
    threshold = means[best] - statistics.stdev(scores) / len(scores) ** 0.5
    return next(name for (name, _), m in zip(results, means) if m >= threshold)
