"""Checks that a run interrupted after K steps and resumed from the learner's
checkpoint, into freshly built objects with other weights and other random
states, gives the losses of the uninterrupted run bit for bit; and what
load_checkpoint restores (weights, optimizer state, learning rate, scheduler
position, the three random generators, the epoch) against the reference."""

import os
import random
import tempfile

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

import coursecheck as cc

torch.set_num_threads(1)
_gen = torch.Generator().manual_seed(0)
X = torch.randn(64, 4, generator=_gen)
Y = X @ torch.tensor([[1.0], [-2.0], [0.5], [3.0]]) + 0.1 * torch.randn(64, 1, generator=_gen)
WORK = tempfile.mkdtemp(prefix="checkpoint-resume-", dir=os.getcwd())  # inside the check's own folder, removed with it


def seed_all(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def build(seed, kind):
    """A small model with dropout, its optimiser and a StepLR scheduler."""
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Dropout(0.25), nn.Linear(16, 1))
    if kind == "sgd":
        opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    else:
        opt = torch.optim.Adam(model.parameters(), lr=0.01)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=3, gamma=0.5)
    return model, opt, sched


def train(model, opt, sched, steps):
    """Each step: a batch chosen with random, noise from numpy, dropout from torch."""
    losses = []
    model.train()
    for _ in range(steps):
        idx = random.sample(range(len(X)), 8)
        noise = torch.from_numpy(np.random.normal(0.0, 0.1, size=(8, 4))).float()
        loss = F.mse_loss(model(X[idx] + noise), Y[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        losses.append(loss.item())
    return losses


def path_for(name):
    return os.path.join(WORK, name)


def uninterrupted(seed, steps, k, kind):
    seed_all(seed)
    model, opt, sched = build(seed, kind)
    return train(model, opt, sched, steps)


def resumed_losses(save, load):
    """Wraps save/load: K steps, save, fresh objects, load, steps - K more."""

    def save_checkpoint(seed, steps, k, kind):
        seed_all(seed)
        model, opt, sched = build(seed, kind)
        losses = train(model, opt, sched, k)
        path = path_for(f"resume-{seed}.pt")
        save(path, model, opt, sched, k)
        seed_all(seed + 1000)  # a new process: other random states, other weights
        model, opt, sched = build(seed + 1000, kind)
        load(path, model, opt, sched)
        return losses + train(model, opt, sched, steps - k)

    return save_checkpoint


def straight_losses():
    def save_checkpoint(seed, steps, k, kind):
        return uninterrupted(seed, steps, k, kind)

    return save_checkpoint


def restored_state(save, load):
    """Wraps load_checkpoint: what fresh objects hold after loading."""

    def load_checkpoint(seed, k, kind):
        seed_all(seed)
        model, opt, sched = build(seed, kind)
        train(model, opt, sched, k)
        path = path_for(f"state-{seed}.pt")
        save(path, model, opt, sched, k)
        seed_all(seed + 1000)
        model, opt, sched = build(seed + 1000, kind)
        epoch = load(path, model, opt, sched)
        state = opt.state_dict()["state"]
        return {
            "returned epoch": epoch,
            "weights": [p.detach().clone() for p in model.parameters()],
            "optimizer state (momentum or Adam moments)": [{k2: v for k2, v in s.items()} for _, s in sorted(state.items())],
            "learning rate": opt.param_groups[0]["lr"],
            "scheduler.last_epoch": sched.last_epoch,
            "next torch.rand(2)": torch.rand(2),
            "next random.random()": random.random(),
            "next np.random.rand()": float(np.random.rand()),
        }

    return load_checkpoint


def compare_resume(learner, ref, seed, steps, k, kind):
    cc.compare(resumed_losses(learner.save_checkpoint, learner.load_checkpoint), straight_losses(),
               seed, steps, k, kind, rtol=0, atol=0)


def compare_state(learner, ref, seed, k, kind):
    cc.compare(restored_state(learner.save_checkpoint, learner.load_checkpoint),
               restored_state(ref.save_checkpoint, ref.load_checkpoint), seed, k, kind, rtol=0, atol=0)


def test_resumed_sgd_run_gives_the_same_losses(learner, ref):
    compare_resume(learner, ref, 1, 10, 4, "sgd")


def test_resumed_adam_run_gives_the_same_losses(learner, ref):
    compare_resume(learner, ref, 2, 10, 5, "adam")


def test_resuming_right_after_the_start_or_before_the_end(learner, ref):
    compare_resume(learner, ref, 3, 8, 1, "sgd")
    compare_resume(learner, ref, 4, 8, 7, "adam")


def test_load_restores_weights_optimizer_scheduler_and_random_states(learner, ref):
    compare_state(learner, ref, 5, 4, "sgd")
    compare_state(learner, ref, 6, 5, "adam")


def test_load_returns_the_saved_epoch(learner, ref):
    compare_state(learner, ref, 7, 2, "sgd")


def test_resume_matches_the_uninterrupted_run_on_random_runs(learner, ref):
    for rng in cc.random_cases(20, seed=31):
        steps = rng.randint(2, 12)
        compare_resume(learner, ref, rng.randint(0, 10**6), steps, rng.randint(1, steps - 1), rng.choice(["sgd", "adam"]))


def test_load_matches_the_reference_on_random_runs(learner, ref):
    for rng in cc.random_cases(20, seed=32):
        compare_state(learner, ref, rng.randint(0, 10**6), rng.randint(1, 9), rng.choice(["sgd", "adam"]))
