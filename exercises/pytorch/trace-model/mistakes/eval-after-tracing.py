# Calls eval() after tracing: the trace already recorded training-mode Dropout and BatchNorm.
import torch


def trace_for_inference(model, example):
    traced = torch.jit.trace(model, example)
    model.eval()
    traced.eval()
    return traced


def script_for_inference(model):
    model.eval()
    return torch.jit.script(model)
