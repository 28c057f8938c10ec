# Converts the model without calling model.eval() first, so Dropout (and BatchNorm's batch statistics) stay in the graph.
import torch


def trace_for_inference(model, example):
    return torch.jit.trace(model, example)


def script_for_inference(model):
    return torch.jit.script(model)
