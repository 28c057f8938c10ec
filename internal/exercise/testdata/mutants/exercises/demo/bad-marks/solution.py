def clip(x, lo, hi):
    if lo > hi:
        raise ValueError("lo > hi")
    return min(max(x, lo), hi)
