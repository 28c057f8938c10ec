# Divides each micro-batch loss by the number of micro-batches: right only when every micro-batch is full.
import math

import torch


def accumulated_step(model, optimizer, loss_fn, x, y, micro_batch_size):
    k = math.ceil(len(x) / micro_batch_size)
    optimizer.zero_grad()
    total = 0.0
    for xb, yb in zip(torch.split(x, micro_batch_size), torch.split(y, micro_batch_size)):
        loss = loss_fn(model(xb), yb) / k
        loss.backward()
        total += loss.item()
    optimizer.step()
    return total
