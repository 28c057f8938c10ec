"""Save and load a training checkpoint that resumes exactly.

1. save_checkpoint(path, model, optimizer, scheduler, epoch): write one file
   at path, with torch.save, holding what a resumed run needs: the model's,
   the optimizer's and the scheduler's state_dict, epoch, and the state of
   the three random generators the training uses: torch's global generator
   (torch.get_rng_state()), Python's random module (random.getstate()) and
   numpy's global generator (np.random.get_state()).

2. load_checkpoint(path, model, optimizer, scheduler): read that file and
   load it into the objects given (freshly built, with other weights and
   other random states), restore the three random states, and return the
   epoch that was saved.

The checker trains N steps in one go, then trains K steps, saves, builds
fresh objects, loads and trains the other N - K steps: the losses must be
the same, bit for bit.
"""

import random

import numpy as np
import torch


def save_checkpoint(path, model, optimizer, scheduler, epoch):
    """Write everything a resumed run needs to path, with torch.save."""
    raise NotImplementedError("save_checkpoint is not written yet")


def load_checkpoint(path, model, optimizer, scheduler):
    """Restore model, optimizer, scheduler and random states; return the epoch."""
    raise NotImplementedError("load_checkpoint is not written yet")
