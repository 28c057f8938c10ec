# Treats every nonzero label as positive instead of rejecting labels other than 0 and 1.
def roc_auc(scores, labels):
    if len(scores) != len(labels):
        raise ValueError("lengths differ")
    pos = [1 if y else 0 for y in labels]
    p = sum(pos)
    n = len(pos) - p
    if p == 0 or n == 0:
        raise ValueError("one class only")
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    r, start = 0.0, 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and scores[order[end + 1]] == scores[order[start]]:
            end += 1
        r += ((start + end) / 2 + 1) * sum(pos[i] for i in order[start:end + 1])
        start = end + 1
    return (r - p * (p + 1) / 2) / (p * n)
