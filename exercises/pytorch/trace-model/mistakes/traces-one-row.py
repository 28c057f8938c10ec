# Traces on example[0], a single row without its batch dimension.
import torch


def trace_for_inference(model, example):
    model.eval()
    return torch.jit.trace(model, example[0])


def script_for_inference(model):
    model.eval()
    return torch.jit.script(model)
