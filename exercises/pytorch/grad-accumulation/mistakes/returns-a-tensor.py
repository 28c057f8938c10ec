# Returns the loss as a tensor that still holds the graph instead of a Python float.
import torch


def accumulated_step(model, optimizer, loss_fn, x, y, micro_batch_size):
    optimizer.zero_grad()
    total = 0.0
    for xb, yb in zip(torch.split(x, micro_batch_size), torch.split(y, micro_batch_size)):
        loss = loss_fn(model(xb), yb) * (len(xb) / len(x))
        loss.backward()
        total = total + loss
    optimizer.step()
    return total
