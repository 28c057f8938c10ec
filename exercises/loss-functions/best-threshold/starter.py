"""The decision threshold with the lowest total cost.

scores[i] is a model's score for example i (higher means "more likely
positive": a probability, a logit, any number), labels[i] is 0 or 1. A
threshold t predicts positive for every example with score >= t. Its cost is

    cost_fp * (false positives) + cost_fn * (false negatives)

The candidates are the distinct values in scores, plus math.inf (which
predicts nothing positive). Return the candidate with the lowest cost; when
several tie, return the largest of them.

    best_threshold([0.1, 0.4, 0.6, 0.9], [0, 1, 0, 1], 1, 1)  ->  0.9
    (0.4 and 0.9 both cost 1: the larger wins)
    best_threshold([0.1, 0.4, 0.6, 0.9], [0, 1, 0, 1], 1, 5)  ->  0.4
    best_threshold([0.8, 0.9], [1, 0], 10, 1)                 ->  inf

Raise ValueError when the lists differ in length or are empty, when a label
is not 0 or 1, or when cost_fp or cost_fn is not greater than 0.
"""


def best_threshold(scores, labels, cost_fp, cost_fn):
    """The candidate threshold with the lowest cost (ties: the largest)."""
    raise NotImplementedError("best_threshold is not written yet")
