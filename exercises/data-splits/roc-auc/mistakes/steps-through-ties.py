# Draws the ROC curve one example at a time, so a run of tied scores becomes a staircase whose area depends on the order of the ties.
def roc_auc(scores, labels):
    if len(scores) != len(labels) or any(y not in (0, 1) for y in labels):
        raise ValueError("bad input")
    p = sum(labels)
    n = len(labels) - p
    if p == 0 or n == 0:
        raise ValueError("one class only")
    order = sorted(range(len(scores)), key=lambda i: scores[i], reverse=True)
    tp = area = 0
    for i in order:  # lower the threshold past one example at a time
        if labels[i] == 1:
            tp += 1
        else:
            area += tp  # a column of width 1/n and height tp/p
    return area / (p * n)
