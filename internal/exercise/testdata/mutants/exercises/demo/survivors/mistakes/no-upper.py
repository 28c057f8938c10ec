# Forgets the upper bound.
def clip(x, lo, hi):
    return max(x, lo)
