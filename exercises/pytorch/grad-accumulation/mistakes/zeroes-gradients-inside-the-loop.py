# Calls zero_grad for every micro-batch, so only the last micro-batch's gradient survives.
import torch


def accumulated_step(model, optimizer, loss_fn, x, y, micro_batch_size):
    total = 0.0
    for xb, yb in zip(torch.split(x, micro_batch_size), torch.split(y, micro_batch_size)):
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb) * (len(xb) / len(x))
        loss.backward()
        total += loss.item()
    optimizer.step()
    return total
