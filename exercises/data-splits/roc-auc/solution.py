"""ROC AUC from ranks: the Mann-Whitney statistic (reference solution)."""


def roc_auc(scores, labels):
    """Area under the ROC curve of scores for the binary labels (0 or 1).

    It equals the probability that a random positive scores higher than a
    random negative, with ties counted one half. Sort once, give tied scores
    their average rank (1-based), and
        AUC = (sum of the positives' ranks - P (P + 1) / 2) / (P N).
    """
    if len(scores) != len(labels):
        raise ValueError(f"{len(scores)} scores but {len(labels)} labels")
    for y in labels:
        if y != 0 and y != 1:
            raise ValueError(f"label {y!r} is not 0 or 1")
    positives = sum(1 for y in labels if y == 1)
    negatives = len(labels) - positives
    if positives == 0 or negatives == 0:
        raise ValueError("the AUC needs both classes: labels hold only one (or none)")
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    rank_sum = 0.0
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and scores[order[end + 1]] == scores[order[start]]:
            end += 1
        average_rank = (start + end) / 2 + 1  # ranks start..end, 1-based, shared by the ties
        rank_sum += average_rank * sum(1 for i in order[start:end + 1] if labels[i] == 1)
        start = end + 1
    u = rank_sum - positives * (positives + 1) / 2
    return u / (positives * negatives)
