# Ranks by position in the sorted list without averaging ties, so tied scores get different ranks depending on their order.
def roc_auc(scores, labels):
    if len(scores) != len(labels) or any(y not in (0, 1) for y in labels):
        raise ValueError("bad input")
    p = sum(labels)
    n = len(labels) - p
    if p == 0 or n == 0:
        raise ValueError("one class only")
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    r = sum(rank for rank, i in enumerate(order, start=1) if labels[i] == 1)
    return (r - p * (p + 1) / 2) / (p * n)
