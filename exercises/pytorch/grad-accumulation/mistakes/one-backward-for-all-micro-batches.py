# Adds up the micro-batch losses and calls backward once: every micro-batch's activations stay in memory.
import torch


def accumulated_step(model, optimizer, loss_fn, x, y, micro_batch_size):
    optimizer.zero_grad()
    total = 0
    for xb, yb in zip(torch.split(x, micro_batch_size), torch.split(y, micro_batch_size)):
        total = total + loss_fn(model(xb), yb) * (len(xb) / len(x))
    total.backward()
    optimizer.step()
    return total.item()
