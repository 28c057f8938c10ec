# Forgets numpy's random state, so the noise added after resuming differs.
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
            "torch": torch.get_rng_state(),
            "python": random.getstate(),
        },
    }, path)


def load_checkpoint(path, model, optimizer, scheduler):
    """Restore model, optimizer, scheduler and random states; return the epoch."""
    ckpt = torch.load(path)
    model.load_state_dict(ckpt["model"])
    optimizer.load_state_dict(ckpt["optimizer"])
    scheduler.load_state_dict(ckpt["scheduler"])
    torch.set_rng_state(ckpt["rng"]["torch"])
    random.setstate(ckpt["rng"]["python"])
    return ckpt["epoch"]
