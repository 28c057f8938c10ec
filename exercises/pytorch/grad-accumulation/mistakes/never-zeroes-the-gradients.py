# Never calls zero_grad, so gradients left from earlier are added to this step's.
import torch


def accumulated_step(model, optimizer, loss_fn, x, y, micro_batch_size):
    total = 0.0
    for xb, yb in zip(torch.split(x, micro_batch_size), torch.split(y, micro_batch_size)):
        loss = loss_fn(model(xb), yb) * (len(xb) / len(x))
        loss.backward()
        total += loss.item()
    optimizer.step()
    return total
