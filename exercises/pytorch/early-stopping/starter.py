"""Early stopping with patience and min_delta, and a loop that restores the
best weights.

1. EarlyStopping(patience, min_delta=0.0, mode="min"). Raise ValueError when
   patience < 1, min_delta < 0, or mode is neither "min" nor "max".
   Attributes: best, best_epoch and best_state start as None, bad_epochs as 0.

   step(value, model=None) records one epoch; epochs are numbered 0, 1, 2, ...
   in the order of the calls.
   - The epoch improves when there is no best yet, or when
     value < best - min_delta (mode "min") or value > best + min_delta
     (mode "max"). The inequality is strict: an improvement of exactly
     min_delta does not count, nor does a tie with the best.
   - A NaN value never improves.
   - When the epoch improves: best = value, best_epoch = the epoch,
     bad_epochs = 0, and if a model is given, best_state = a copy of
     model.state_dict() that later training does not change.
   - Otherwise bad_epochs grows by 1 and best, best_epoch, best_state stay.
   - step returns True (a bool) when bad_epochs has reached patience,
     False otherwise.

2. fit_with_early_stopping(model, train_one_epoch, validate, max_epochs,
   patience, min_delta=0.0): for each epoch, call train_one_epoch(model),
   then value = validate(model), then give value and model to an
   EarlyStopping(patience, min_delta, "min"). Stop when step returns True or
   after max_epochs epochs. Before returning, load the best epoch's weights
   back into model (if any epoch improved). Return
   (epochs_run, best_epoch, best).
"""

import copy
import math


class EarlyStopping:
    """Tells a training loop when the validation metric stopped improving."""

    def __init__(self, patience, min_delta=0.0, mode="min"):
        raise NotImplementedError("EarlyStopping is not written yet")

    def step(self, value, model=None):
        """Record one epoch's value; return True when training should stop."""
        raise NotImplementedError


def fit_with_early_stopping(model, train_one_epoch, validate, max_epochs, patience, min_delta=0.0):
    """Train until validation loss stops improving; leave the best weights in model."""
    raise NotImplementedError("fit_with_early_stopping is not written yet")
