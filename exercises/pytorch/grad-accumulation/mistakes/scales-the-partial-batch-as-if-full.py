# Weights every micro-batch by micro_batch_size / N, also the smaller last one.
import torch


def accumulated_step(model, optimizer, loss_fn, x, y, micro_batch_size):
    optimizer.zero_grad()
    total = 0.0
    for xb, yb in zip(torch.split(x, micro_batch_size), torch.split(y, micro_batch_size)):
        loss = loss_fn(model(xb), yb) * (micro_batch_size / len(x))
        loss.backward()
        total += loss.item()
    optimizer.step()
    return total
