"""Choose a model by the one-standard-error rule.

Write one_se_choice(results). results is a list of (name, scores) pairs,
ordered from the simplest model to the most complex; scores is the list of
the model's k cross-validation fold scores, where higher is better (accuracy,
say). Every model was scored on the same k folds.

For each model, its mean is sum(scores) / k. Its standard error is s / sqrt(k),
where s is the sample standard deviation of its fold scores (the squared
deviations from the mean summed and divided by k - 1).

The best model is the one with the highest mean; if several share the highest
mean, it is the first of them in the list. Return the name of the first model
in the list (the simplest) whose mean is at least the best mean minus the best
model's standard error. A mean exactly on that threshold counts as within one
standard error.

    one_se_choice([("depth 1", [0.70, 0.72, 0.68, 0.70, 0.70]),
                   ("depth 2", [0.80, 0.85, 0.79, 0.83, 0.83]),
                   ("depth 4", [0.82, 0.86, 0.79, 0.84, 0.84])])  ->  "depth 2"

The best mean is 0.83 (depth 4), its standard error about 0.0118, so the
threshold is about 0.818: depth 2 (mean 0.82) reaches it, depth 1 (0.70) does
not, and depth 2 is the simpler of the two models that do.

Raise ValueError when results is empty, when a model has fewer than two fold
scores, or when two models have different numbers of fold scores. Leave the
input lists unchanged.
"""


def one_se_choice(results):
    """Return the name of the simplest model within one standard error of the best."""
    means = [sum(scores) / len(scores) for _, scores in results]
    # TODO: this returns the best model; apply the one-standard-error rule instead.
    return results[means.index(max(means))][0]
