# Counts only strict wins: a positive tied with a negative adds 0 instead of one half.
import bisect


def roc_auc(scores, labels):
    if len(scores) != len(labels) or any(y not in (0, 1) for y in labels):
        raise ValueError("bad input")
    pos = [s for s, y in zip(scores, labels) if y == 1]
    neg = sorted(s for s, y in zip(scores, labels) if y == 0)
    if not pos or not neg:
        raise ValueError("one class only")
    wins = sum(bisect.bisect_left(neg, s) for s in pos)
    return wins / (len(pos) * len(neg))
