# Backpropagates each micro-batch's mean loss unscaled: the gradient is the sum of the means.
import torch


def accumulated_step(model, optimizer, loss_fn, x, y, micro_batch_size):
    optimizer.zero_grad()
    total = 0.0
    for xb, yb in zip(torch.split(x, micro_batch_size), torch.split(y, micro_batch_size)):
        loss = loss_fn(model(xb), yb)
        loss.backward()
        total += loss.item() * len(xb) / len(x)
    optimizer.step()
    return total
