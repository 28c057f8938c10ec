"""The one-standard-error rule (reference solution)."""

import math


def one_se_choice(results):
    """Return the name of the simplest model within one standard error of the best.

    results is a list of (name, scores) pairs, simplest model first; scores
    are the model's k fold scores (higher is better), the same k for every
    model. For each model: mean = sum(scores) / k and standard error
    se = s / sqrt(k), with s the sample standard deviation (divisor k - 1).
    The best model has the highest mean (on a tie, the first of the tied);
    the answer is the first model whose mean is at least best mean - best se.
    """
    if not results:
        raise ValueError("results is empty: there is no model to choose")
    k = len(results[0][1])
    if k < 2:
        raise ValueError(f"a model has {k} fold score(s); a standard error needs at least 2")
    means = []
    for name, scores in results:
        if len(scores) != k:
            raise ValueError(f"model {name!r} has {len(scores)} fold scores, the first model {k}: the folds must be shared")
        means.append(sum(scores) / k)
    best = max(range(len(means)), key=means.__getitem__)  # max keeps the first of tied means
    scores = results[best][1]
    s = math.sqrt(sum((v - means[best]) ** 2 for v in scores) / (k - 1))
    threshold = means[best] - s / math.sqrt(k)
    for (name, _), mean in zip(results, means):
        if mean >= threshold:
            return name
