"""Checks prepare_fine_tuning by what it leaves behind (which parameters
train, the head's shape, the optimiser's groups, what one step changes, on a
model that already holds gradients) and train_mode by the mode of every
module and the buffers a forward pass updates; on ResNet-18 and on small
ResNet-shaped models of random widths, each against the reference."""

import torch
import torchvision
from torch import nn
import torch.nn.functional as F

import coursecheck as cc

torch.set_num_threads(1)


class SmallResNet(nn.Module):
    """A ResNet-shaped model: a stem, stages layer1…layerK, pooling, fc."""

    def __init__(self, widths, n_out):
        super().__init__()
        self.conv1 = nn.Conv2d(3, widths[0], 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(widths[0])
        self.relu = nn.ReLU()
        self.n_stages = len(widths) - 1
        for i, (a, b) in enumerate(zip(widths, widths[1:])):
            setattr(self, f"layer{i + 1}", nn.Sequential(
                nn.Conv2d(a, b, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(b), nn.ReLU()))
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(widths[-1], n_out)
        self.widths = widths

    def __repr__(self):  # short, for the checker's messages
        frozen = sum(not p.requires_grad for p in self.parameters())
        return (f"SmallResNet(stage widths {self.widths}, fc={self.fc!r}"
                + (f", {frozen} frozen parameter tensors" if frozen else "") + ")")

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        for i in range(self.n_stages):
            x = getattr(self, f"layer{i + 1}")(x)
        return self.fc(torch.flatten(self.avgpool(x), 1))


def small_resnet(rng):
    torch.manual_seed(rng.randint(0, 10**6))
    widths = [rng.choice([2, 3, 4, 6, 8]) for _ in range(rng.randint(2, 4))]
    return SmallResNet(widths, rng.randint(2, 12))


class ResNet18(torchvision.models.ResNet):
    def __repr__(self):  # short, for the checker's messages
        frozen = sum(not p.requires_grad for p in self.parameters())
        return (f"resnet18(weights=None) with fc={self.fc!r}"
                + (f", {frozen} of its 62 parameter tensors frozen" if frozen else ""))


def resnet18():
    torch.manual_seed(0)
    model = torchvision.models.resnet18(weights=None)
    model.__class__ = ResNet18
    return model


def inputs(model, seed, n=2, size=16):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(n, 3, size, size, generator=g)


def give_stale_gradients(model):
    """Earlier training: every parameter trainable, a backward pass, grads kept."""
    for p in model.parameters():
        p.requires_grad_(True)
    model.train()
    model(inputs(model, 1)).square().mean().backward()


def names_of(model):
    return {id(p): name for name, p in model.named_parameters()}


def snapshot(model):
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def changed(before, model):
    now = model.state_dict()
    return sorted(k for k, v in before.items() if k not in now or not torch.equal(v, now[k]))


def expect_optimizer(opt, call):
    cc.expect(isinstance(opt, torch.optim.Optimizer), f"{call} should return a torch.optim optimiser",
              expected="torch.optim.SGD", actual=cc.show(opt))


def behaviour_prepare(fn):
    """Wraps prepare_fine_tuning: what it leaves behind."""

    def prepare_fine_tuning(model, n_classes, lr):
        give_stale_gradients(model)
        opt = fn(model, n_classes, lr)
        expect_optimizer(opt, f"prepare_fine_tuning(model, {n_classes}, {lr})")
        names = names_of(model)
        head = model.fc
        groups = [{
            "params": [names.get(id(p), f"<a tensor of shape {tuple(p.shape)} that is not in the model>")
                       for p in g["params"]],
            "lr": g.get("lr"), "momentum": g.get("momentum"), "weight_decay": g.get("weight_decay"),
        } for g in opt.param_groups]
        result = {
            "parameters that require grad": sorted(n for n, p in model.named_parameters() if p.requires_grad),
            "model.fc": type(head).__name__,
            "model.fc parameter shapes": {n: tuple(p.shape) for n, p in head.named_parameters()},
            "optimiser": type(opt).__name__,
            "optimiser param groups": groups,
        }
        # One step in eval mode (batch norm is train_mode's business): set the
        # head to the same numbers on both sides, then see what moves.
        model.eval()
        if isinstance(head, nn.Linear):
            g = torch.Generator().manual_seed(3)
            with torch.no_grad():
                head.weight.copy_(torch.randn(head.weight.shape, generator=g) * 0.1)
                if head.bias is not None:
                    head.bias.zero_()
        before = snapshot(model)
        x = inputs(model, 2)
        try:
            out = model(x)
        except RuntimeError as e:  # a head of the wrong width
            result["state_dict entries one optimiser step changes"] = f"the forward pass failed: {e}"
            return result
        labels = torch.arange(len(x)) % out.shape[1]
        opt.zero_grad()
        F.cross_entropy(out, labels).backward()
        opt.step()
        result["state_dict entries one optimiser step changes"] = changed(before, model)
        return result

    return prepare_fine_tuning


def behaviour_train_mode(fn):
    """Wraps train_mode: every module's mode, and what a forward pass updates."""

    def train_mode(model):
        model.eval()
        got = fn(model)
        modes = {name or "(the model)": m.training for name, m in model.named_modules()}
        before = snapshot(model)
        with torch.no_grad():
            model(inputs(model, 4, n=3, size=16))
        return {
            "returns the model": got is model,
            "module.training": modes,
            "buffers a forward pass changes": changed(before, model),
        }

    return train_mode


def freeze_stages(model, rng):
    """Freeze everything, then unfreeze fc and a random number of the last stages."""
    stages = ["conv1", "bn1"] + [f"layer{i + 1}" for i in range(model.n_stages)]
    k = rng.randint(0, len(stages))
    keep = stages[len(stages) - k:] + ["fc"]
    for name, p in model.named_parameters():
        p.requires_grad_(name.split(".")[0] in keep)
    return model


# ---------------------------------------------------------------- prepare_fine_tuning


def test_prepare_fine_tuning_on_resnet18(learner, ref):
    cc.compare(behaviour_prepare(learner.prepare_fine_tuning), behaviour_prepare(ref.prepare_fine_tuning),
               resnet18(), 37, 0.01)


def test_prepare_fine_tuning_keeps_the_width_of_the_old_head(learner, ref):
    model = SmallResNet([4, 6, 24], 1000)
    cc.compare(behaviour_prepare(learner.prepare_fine_tuning), behaviour_prepare(ref.prepare_fine_tuning),
               model, 2, 0.1)


def test_prepare_fine_tuning_matches_the_reference_on_random_models(learner, ref):
    for rng in cc.random_cases(20, seed=12):
        cc.compare(behaviour_prepare(learner.prepare_fine_tuning), behaviour_prepare(ref.prepare_fine_tuning),
                   small_resnet(rng), rng.randint(1, 40), rng.choice([0.1, 0.01, 0.003, 1e-4]))


# ---------------------------------------------------------------- train_mode


def test_train_mode_on_a_frozen_resnet18(learner, ref):
    model = resnet18()
    ref.prepare_fine_tuning(model, 10, 0.01)
    cc.compare(behaviour_train_mode(learner.train_mode), behaviour_train_mode(ref.train_mode), model)


def test_train_mode_keeps_unfrozen_batch_norm_training(learner, ref):
    model = SmallResNet([4, 4, 6], 3)
    for name, p in model.named_parameters():
        p.requires_grad_(name.startswith(("layer2.", "fc.")))
    cc.compare(behaviour_train_mode(learner.train_mode), behaviour_train_mode(ref.train_mode), model)


def test_train_mode_matches_the_reference_on_random_models(learner, ref):
    for rng in cc.random_cases(20, seed=13):
        cc.compare(behaviour_train_mode(learner.train_mode), behaviour_train_mode(ref.train_mode),
                   freeze_stages(small_resnet(rng), rng))


# ---------------------------------------------------------------- both together


def test_one_training_step_on_resnet18_changes_only_the_head(learner):
    model = resnet18()
    give_stale_gradients(model)
    opt = learner.prepare_fine_tuning(model, 5, 0.01)
    expect_optimizer(opt, "prepare_fine_tuning(resnet18(weights=None), 5, 0.01)")
    learner.train_mode(model)
    before = snapshot(model)
    x = inputs(model, 5)
    opt.zero_grad()
    try:
        out = model(x)
    except RuntimeError as e:
        cc.expect(False, f"after prepare_fine_tuning(model, 5, 0.01) the model cannot run on a batch of images: {e}",
                  expected="model.fc = Linear(in_features=512, out_features=5, bias=True)", actual=repr(model.fc))
    F.cross_entropy(out, torch.tensor([0, 4])).backward()
    opt.step()
    got = changed(before, model)
    cc.expect(got == ["fc.bias", "fc.weight"],
              "after prepare_fine_tuning(model, 5, 0.01), train_mode(model) and one training step on "
              "resnet18(weights=None), only the head should have changed; frozen weights and the running "
              "statistics of frozen batch norm must stay as they were",
              input="model = resnet18(weights=None) with gradients from earlier training; "
                    "opt = prepare_fine_tuning(model, 5, 0.01); train_mode(model); one step on 2 images",
              expected=cc.show(["fc.bias", "fc.weight"]), actual=cc.show(got))
