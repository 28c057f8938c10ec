"""One optimiser step with gradient accumulation.

accumulated_step(model, optimizer, loss_fn, x, y, micro_batch_size) makes
the same update as one optimiser step on the whole batch (x, y) with the
mean loss, while feeding the model at most micro_batch_size rows at a time.

- Split x and y along their first dimension into consecutive micro-batches
  of micro_batch_size rows, in order; the last one may be smaller (it holds
  what is left). A micro_batch_size larger than the batch gives one
  micro-batch.
- loss_fn(model(xb), yb) is the mean loss over the rows of a micro-batch
  (reduction "mean"). Scale each micro-batch's loss by its share of the
  rows, len(xb) / len(x), so that the accumulated gradient is the gradient
  of the mean loss over the whole batch, also when the last micro-batch is
  smaller.
- The model may arrive with gradients left from earlier: zero them once,
  before the first micro-batch, and not again.
- Call backward() on each micro-batch's scaled loss before the next
  micro-batch's forward pass, so that only one micro-batch's activations
  are kept at a time.
- Call optimizer.step() once, after the last micro-batch.
- Return the mean loss over the whole batch as a Python float: the sum of
  the scaled micro-batch losses (no extra forward pass).
"""

import torch


def accumulated_step(model, optimizer, loss_fn, x, y, micro_batch_size):
    """One step on the batch (x, y), fed to the model micro_batch_size rows at a time."""
    raise NotImplementedError("accumulated_step is not written yet")
