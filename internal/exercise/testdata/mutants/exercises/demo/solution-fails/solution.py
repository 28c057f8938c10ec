def clip(x, lo, hi):
    return max(x, lo)
