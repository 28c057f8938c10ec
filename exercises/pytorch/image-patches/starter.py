"""Image patches with view, permute and reshape.

Vision transformers cut an image into square patches and treat each patch
as one vector. Do it without Python loops (no for, no while, no
comprehension), with reshape, permute and friends.

1. to_patches(img, p): img is an (H, W) tensor of any dtype, p >= 1. Raise
   ValueError if H or W is not a multiple of p. Otherwise return a tensor
   of shape (H//p * W//p, p*p) and img's dtype whose row k is the patch in
   patch row i = k // (W//p) and patch column j = k % (W//p), that is
   img[i*p:(i+1)*p, j*p:(j+1)*p], flattened row by row. Patches go row by
   row: first all patches of the top p rows, left to right.

2. from_patches(patches, h, w): the inverse: given to_patches(img, p) and
   the image's height h and width w, return the (h, w) image img.

Neither function may change its input.
"""

import torch


def to_patches(img, p):
    """The p x p patches of an (H, W) image, one flattened patch per row."""
    raise NotImplementedError("to_patches is not written yet")


def from_patches(patches, h, w):
    """The (h, w) image that to_patches cut into these patches."""
    raise NotImplementedError("from_patches is not written yet")
