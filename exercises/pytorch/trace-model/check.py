"""Checks trace_for_inference and script_for_inference by what the returned
module computes: a torch.jit.ScriptModule whose outputs on batches of several
sizes equal the eager model's in eval mode (|out - expected| <= 1e-6 + 1e-5
* |expected|), before and after torch.jit.save / torch.jit.load, and a model
left in eval mode. The models hold Dropout (and most BatchNorm with moved
running statistics), so anything converted in training mode gives different
outputs."""

import os
import tempfile

import torch
from torch import nn

import coursecheck as cc

RTOL, ATOL = 1e-5, 1e-6
BATCHES = (1, 3, 17)  # the example batch always has 4 rows


class Gated(nn.Module):
    """A cheap path for quiet inputs, a bigger one (with Dropout) otherwise."""

    def __init__(self, in_features: int, hidden: int, out_features: int, threshold: float, p: float):
        super().__init__()
        self.in_features = in_features
        self.threshold = threshold
        self.small = nn.Linear(in_features, out_features)
        self.big = nn.Sequential(
            nn.Linear(in_features, hidden), nn.ReLU(), nn.Dropout(p), nn.Linear(hidden, out_features)
        )

    def forward(self, x):
        if x.abs().max() < self.threshold:
            return self.small(x)
        return self.big(x)


class Spec(dict):
    """A model's description; its repr is what the learner reads as the input."""

    def __repr__(self):
        if "threshold" in self:
            return (f"<a Gated model in training mode: Linear({self['in']}, {self['out']}) when |x| < "
                    f"{self['threshold']}, else Linear({self['in']}, {self['hidden']}), ReLU, Dropout({self['p']}), "
                    f"Linear({self['hidden']}, {self['out']}); seed {self['seed']}>")
        bn = f"BatchNorm1d({self['hidden']}), " if self["batchnorm"] else ""
        return (f"<Sequential(Linear({self['in']}, {self['hidden']}), {bn}ReLU, Dropout({self['p']}), "
                f"Linear({self['hidden']}, {self['out']})) in training mode, example of shape (4, {self['in']}); "
                f"seed {self['seed']}>")


def mlp(spec):
    """A small classifier in training mode, as it comes out of training."""
    torch.manual_seed(spec["seed"])
    layers = [nn.Linear(spec["in"], spec["hidden"])]
    if spec["batchnorm"]:
        bn = nn.BatchNorm1d(spec["hidden"])
        with torch.no_grad():  # running statistics that training would have moved
            bn.running_mean.copy_(torch.randn(spec["hidden"]))
            bn.running_var.copy_(torch.rand(spec["hidden"]) + 0.5)
            bn.weight.copy_(torch.rand(spec["hidden"]) + 0.5)
        layers.append(bn)
    layers += [nn.ReLU(), nn.Dropout(spec["p"]), nn.Linear(spec["hidden"], spec["out"])]
    return nn.Sequential(*layers).train()


def gated(spec):
    torch.manual_seed(spec["seed"])
    return Gated(spec["in"], spec["hidden"], spec["out"], spec["threshold"], spec["p"]).train()


def batches(spec):
    """Inputs of every size in BATCHES; for gated models both branches."""
    g = torch.Generator().manual_seed(spec["seed"] + 1)
    out = {}
    for n in BATCHES:
        x = torch.randn(n, spec["in"], generator=g)
        if "threshold" in spec:
            quiet = x / (x.abs().max() + 1e-3) * spec["threshold"] * 0.9
            out[f"a quiet batch of {n} (|x| < threshold: the small path)"] = quiet
            out[f"a loud batch of {n} (the big path)"] = x * 2 * spec["threshold"] + torch.sign(x)
        else:
            out[f"a batch of {n}"] = x
    return out


def example_for(spec):
    g = torch.Generator().manual_seed(spec["seed"] + 2)
    return torch.randn(4, spec["in"], generator=g)


def expect_script_module(m, what):
    cc.expect(isinstance(m, torch.jit.ScriptModule),
              f"{what} should return a torch.jit.ScriptModule (what torch.jit.trace or torch.jit.script returns)",
              expected="a torch.jit.ScriptModule", actual=f"{type(m).__module__}.{type(m).__name__}")


def outputs(m, spec):
    with torch.no_grad():
        return {name: m(x) for name, x in batches(spec).items()}


def eager_outputs(spec, build):
    model = build(spec).eval()
    return outputs(model, spec)


# Wrappers: a spec in, the converted module's outputs out. The reference side
# is the eager model in eval mode itself.

def learner_traced(fn):
    def trace_for_inference(spec):
        m = fn(mlp(spec), example_for(spec))
        expect_script_module(m, "trace_for_inference")
        return outputs(m, spec)
    return trace_for_inference


def eager_mlp():
    def trace_for_inference(spec):
        return eager_outputs(spec, mlp)
    return trace_for_inference


def learner_scripted(fn):
    def script_for_inference(spec):
        m = fn(gated(spec))
        expect_script_module(m, "script_for_inference")
        return outputs(m, spec)
    return script_for_inference


def eager_gated():
    def script_for_inference(spec):
        return eager_outputs(spec, gated)
    return script_for_inference


EDGE_MLPS = [
    Spec({"seed": 1, "in": 8, "hidden": 16, "out": 3, "p": 0.5, "batchnorm": True}),
    Spec({"seed": 2, "in": 5, "hidden": 32, "out": 1, "p": 0.2, "batchnorm": True}),
    Spec({"seed": 3, "in": 12, "hidden": 6, "out": 4, "p": 0.5, "batchnorm": False}),
]
EDGE_GATED = [
    Spec({"seed": 4, "in": 8, "hidden": 16, "out": 3, "p": 0.5, "threshold": 1.0}),
    Spec({"seed": 5, "in": 3, "hidden": 8, "out": 2, "p": 0.3, "threshold": 2.5}),
]


def random_mlp(rng):
    return Spec({"seed": rng.randint(0, 10**6), "in": rng.randint(1, 16), "hidden": rng.randint(2, 24),
                 "out": rng.randint(1, 5), "p": rng.choice([0.2, 0.5, 0.7]), "batchnorm": rng.random() < 0.7})


def random_gated(rng):
    return Spec({"seed": rng.randint(0, 10**6), "in": rng.randint(1, 12), "hidden": rng.randint(2, 16),
                 "out": rng.randint(1, 4), "p": rng.choice([0.2, 0.5]), "threshold": rng.choice([0.5, 1.0, 3.0])})


def test_trace_for_inference_returns_a_script_module(learner):
    spec = EDGE_MLPS[0]
    m = cc.call(learner.trace_for_inference, mlp(spec), example_for(spec))
    expect_script_module(m, "trace_for_inference")


def test_trace_for_inference_leaves_the_model_in_eval_mode(learner):
    for spec in EDGE_MLPS[:2]:
        model = mlp(spec)
        learner.trace_for_inference(model, example_for(spec))  # not cc.call: that would pass a copy
        training = [name or "the model" for name, m in model.named_modules() if m.training]
        cc.expect(not training, "after trace_for_inference(model, example) the model should be in eval mode "
                  "(model.eval()); these modules are still in training mode",
                  expected="[]", actual=cc.show(training))


def test_trace_for_inference_matches_the_eval_model_on_several_batch_sizes(learner):
    for spec in EDGE_MLPS:
        cc.compare(learner_traced(learner.trace_for_inference), eager_mlp(), spec, rtol=RTOL, atol=ATOL)


def test_trace_for_inference_matches_on_random_models(learner):
    for rng in cc.random_cases(20, seed=11):
        cc.compare(learner_traced(learner.trace_for_inference), eager_mlp(), random_mlp(rng), rtol=RTOL, atol=ATOL)


def round_trip(m, spec):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.pt")
        torch.jit.save(m, path)
        return outputs(torch.jit.load(path), spec)


def test_trace_for_inference_survives_save_and_load(learner):
    spec = EDGE_MLPS[0]
    m = cc.call(learner.trace_for_inference, mlp(spec), example_for(spec))
    expect_script_module(m, "trace_for_inference")
    got, want = round_trip(m, spec), eager_outputs(spec, mlp)
    d = cc.describe_difference(got, want, RTOL, ATOL)
    cc.expect(d is None, f"after torch.jit.save and torch.jit.load the traced module's outputs differ: {d}",
              expected=cc.show(want), actual=cc.show(got))


def test_script_for_inference_returns_a_script_module(learner):
    m = cc.call(learner.script_for_inference, gated(EDGE_GATED[0]))
    expect_script_module(m, "script_for_inference")


def test_script_for_inference_leaves_the_model_in_eval_mode(learner):
    model = gated(EDGE_GATED[0])
    learner.script_for_inference(model)  # not cc.call: that would pass a copy
    training = [name or "the model" for name, m in model.named_modules() if m.training]
    cc.expect(not training, "after script_for_inference(model) the model should be in eval mode "
              "(model.eval()); these modules are still in training mode", expected="[]", actual=cc.show(training))


def test_script_for_inference_keeps_both_branches(learner):
    for spec in EDGE_GATED:
        cc.compare(learner_scripted(learner.script_for_inference), eager_gated(), spec, rtol=RTOL, atol=ATOL)


def test_script_for_inference_matches_on_random_models(learner):
    for rng in cc.random_cases(20, seed=12):
        cc.compare(learner_scripted(learner.script_for_inference), eager_gated(), random_gated(rng), rtol=RTOL, atol=ATOL)


def test_script_for_inference_survives_save_and_load(learner):
    spec = EDGE_GATED[0]
    m = cc.call(learner.script_for_inference, gated(spec))
    expect_script_module(m, "script_for_inference")
    got, want = round_trip(m, spec), eager_outputs(spec, gated)
    d = cc.describe_difference(got, want, RTOL, ATOL)
    cc.expect(d is None, f"after torch.jit.save and torch.jit.load the scripted module's outputs differ: {d}",
              expected=cc.show(want), actual=cc.show(got))
