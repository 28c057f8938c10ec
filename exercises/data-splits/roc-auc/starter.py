"""The area under the ROC curve, computed from ranks.

Write roc_auc(scores, labels). scores is a list of numbers (a classifier's
scores, higher meaning "more likely positive") and labels the list of the true
labels, each 0 or 1, in the same order.

Return the probability that a randomly chosen positive example has a higher
score than a randomly chosen negative one, where a tie between a positive and
a negative counts one half. With P positives and N negatives that is

    AUC = (number of pairs the positive wins + 1/2 * number of tied pairs) / (P * N)

    roc_auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])  ->  0.75
    roc_auc([0.5, 0.5, 0.2], [1, 0, 0])           ->  0.75

Compute it from ranks (the Mann-Whitney statistic): sort the scores once and
number them 1 … n from the lowest; tied scores all get the average of the
ranks they occupy. If R is the sum of the positives' ranks,

    AUC = (R - P * (P + 1) / 2) / (P * N)

The checker's largest input has 20,000 scores; a double loop over all
positive-negative pairs (10^8 of them) runs out of time there.

Raise ValueError when scores and labels have different lengths, when a label is
neither 0 nor 1, and when the labels hold only one class (or none): with no
positives or no negatives the AUC is undefined. Leave both lists unchanged.
"""


def roc_auc(scores, labels):
    """The probability that a random positive outscores a random negative (ties 1/2)."""
    raise NotImplementedError("roc_auc is not written yet")
