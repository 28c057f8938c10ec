# Restores Python's and numpy's random states but not torch's, so dropout draws other masks after resuming.
import random

import numpy as np
import torch


def save_checkpoint(path, model, optimizer, scheduler, epoch):
    """Write everything a resumed run needs to path, with torch.save."""
    torch.save({
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "scheduler": scheduler.state_dict(),
        "epoch": epoch,
        "rng": {
            "python": random.getstate(),
            "numpy": np.random.get_state(),
        },
    }, path)


def load_checkpoint(path, model, optimizer, scheduler):
    """Restore model, optimizer, scheduler and random states; return the epoch."""
    ckpt = torch.load(path)
    model.load_state_dict(ckpt["model"])
    optimizer.load_state_dict(ckpt["optimizer"])
    scheduler.load_state_dict(ckpt["scheduler"])
    random.setstate(ckpt["rng"]["python"])
    np.random.set_state(ckpt["rng"]["numpy"])
    return ckpt["epoch"]
