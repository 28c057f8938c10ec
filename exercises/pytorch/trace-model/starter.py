"""Trace and script a model for inference.

1. trace_for_inference(model, example): put `model` in eval mode, trace it
   with torch.jit.trace on `example` (a float32 batch of shape
   (N, in_features), N >= 2) and return the traced module.

2. script_for_inference(model): `model`'s forward branches on the values of
   its input (an `if` on x, like Gated in the lesson), so a trace would keep
   only one branch. Put `model` in eval mode, compile it with
   torch.jit.script and return the result.

Both return a torch.jit.ScriptModule that, for a batch x of any size N >= 1,
gives the output of the eager model in eval mode to within
|out - expected| <= 1e-6 + 1e-5 * |expected| element-wise, and that still
does after torch.jit.save and torch.jit.load. Both leave `model` itself in
eval mode.
"""

import torch


def trace_for_inference(model, example):
    """The model in eval mode, traced on example."""
    raise NotImplementedError("trace_for_inference is not written yet")


def script_for_inference(model):
    """The model in eval mode, compiled with torch.jit.script."""
    raise NotImplementedError("script_for_inference is not written yet")
