# Converts an eval-mode copy and leaves the caller's model in training mode.
import copy

import torch


def trace_for_inference(model, example):
    return torch.jit.trace(copy.deepcopy(model).eval(), example)


def script_for_inference(model):
    return torch.jit.script(copy.deepcopy(model).eval())
