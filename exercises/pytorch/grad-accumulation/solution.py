"""One optimiser step with gradient accumulation (reference solution)."""

import torch


def accumulated_step(model, optimizer, loss_fn, x, y, micro_batch_size):
    """One step on the batch (x, y), fed to the model micro_batch_size rows at a time."""
    n = len(x)
    optimizer.zero_grad()
    total = 0.0
    for xb, yb in zip(torch.split(x, micro_batch_size), torch.split(y, micro_batch_size)):
        loss = loss_fn(model(xb), yb) * (len(xb) / n)  # this micro-batch's share of the mean
        loss.backward()
        total += loss.item()
    optimizer.step()
    return total
