# Never checks that both classes are present, so one class divides by zero (ZeroDivisionError, not ValueError).
def roc_auc(scores, labels):
    if len(scores) != len(labels) or any(y not in (0, 1) for y in labels):
        raise ValueError("bad input")
    p = sum(labels)
    n = len(labels) - p
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    r, start = 0.0, 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and scores[order[end + 1]] == scores[order[start]]:
            end += 1
        r += ((start + end) / 2 + 1) * sum(labels[i] for i in order[start:end + 1])
        start = end + 1
    return (r - p * (p + 1) / 2) / (p * n)
