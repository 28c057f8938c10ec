# Compares each candidate's mean plus its own standard error with the best mean, instead of using the best model's standard error.
import statistics


def one_se_choice(results):
    if not results:
        raise ValueError("empty")
    k = len(results[0][1])
    if k < 2 or any(len(s) != k for _, s in results):
        raise ValueError("bad fold scores")
    means = [sum(s) / k for _, s in results]
    best = max(means)
    for (name, scores), m in zip(results, means):
        if m + statistics.stdev(scores) / k ** 0.5 >= best:
            return name
