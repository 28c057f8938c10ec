def clip(x, lo, hi):
    raise NotImplementedError
