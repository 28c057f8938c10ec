"""Trace and script a model for inference (reference solution)."""

import torch


def trace_for_inference(model, example):
    """The model in eval mode, traced on example."""
    model.eval()
    return torch.jit.trace(model, example)


def script_for_inference(model):
    """The model in eval mode, compiled with torch.jit.script."""
    model.eval()
    return torch.jit.script(model)
