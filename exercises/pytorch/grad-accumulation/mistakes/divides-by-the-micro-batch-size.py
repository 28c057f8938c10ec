# Divides each micro-batch loss by micro_batch_size instead of by the number of micro-batches.
import torch


def accumulated_step(model, optimizer, loss_fn, x, y, micro_batch_size):
    optimizer.zero_grad()
    total = 0.0
    for xb, yb in zip(torch.split(x, micro_batch_size), torch.split(y, micro_batch_size)):
        loss = loss_fn(model(xb), yb) / micro_batch_size
        loss.backward()
        total += loss.item()
    optimizer.step()
    return total
