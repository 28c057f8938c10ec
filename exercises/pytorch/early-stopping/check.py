"""Checks EarlyStopping one sentence at a time (strictness, ties, min_delta,
mode, NaN, patience, the copy of the weights, bad arguments) and
fit_with_early_stopping (how many epochs, which epoch is best, which weights
the model ends with) against the reference."""

import math

import torch
from torch import nn

import coursecheck as cc

torch.set_num_threads(1)
NAN = float("nan")


def stopper_view(cls):
    """Wraps EarlyStopping: feed values until step returns True; what it said."""

    def EarlyStopping(values, patience, min_delta=0.0, mode="min"):
        s = cls(patience, min_delta, mode)
        start = {"best": s.best, "best_epoch": s.best_epoch, "bad_epochs": s.bad_epochs}
        steps = []
        for v in values:
            stop = s.step(v)
            steps.append({"value": v, "returned": stop, "best": s.best, "best_epoch": s.best_epoch,
                          "bad_epochs": s.bad_epochs})
            if stop is True:
                break
        return {"before any step": start, "steps": steps}

    return EarlyStopping


def compare_stopper(learner, ref, values, patience, min_delta=0.0, mode="min"):
    cc.compare(stopper_view(learner.EarlyStopping), stopper_view(ref.EarlyStopping), values, patience, min_delta, mode)


def fit_view(fit):
    """Wraps fit_with_early_stopping: epoch e's training sets the one weight
    to e + 1 in place (like an optimiser step); validate returns values[e]."""

    def fit_with_early_stopping(values, max_epochs, patience, min_delta=0.0):
        model = nn.Linear(1, 1, bias=False)
        calls = {"train": 0, "validate": 0}

        def train_one_epoch(m):
            calls["train"] += 1
            with torch.no_grad():
                m.weight.fill_(float(calls["train"]))

        def validate(m):
            calls["validate"] += 1
            return values[calls["validate"] - 1]

        result = fit(model, train_one_epoch, validate, max_epochs, patience, min_delta)
        return {"returned": result, "train_one_epoch calls": calls["train"], "validate calls": calls["validate"],
                "weight left in the model (epoch e's weight is e + 1)": model.weight.item()}

    return fit_with_early_stopping


def test_stopper_starts_empty_and_counts_epochs_from_zero(learner, ref):
    compare_stopper(learner, ref, [3.0, 2.0, 1.0], 2)


def test_stopper_improvement_is_strict_so_a_tie_keeps_the_earlier_best(learner, ref):
    compare_stopper(learner, ref, [2.0, 1.0, 1.0, 1.0, 0.5], 3)
    compare_stopper(learner, ref, [2.0, 1.0, 1.0, 1.0, 0.5], 2)


def test_stopper_needs_more_than_min_delta(learner, ref):
    # 1.0 - 0.75 = 0.25 exactly: not an improvement with min_delta 0.25.
    compare_stopper(learner, ref, [1.0, 0.75, 0.5, 0.25, 0.0], 3, 0.25)
    compare_stopper(learner, ref, [1.0, 0.875, 0.75, 0.625, 0.5], 2, 0.25)


def test_stopper_compares_with_the_best_not_the_last_epoch(learner, ref):
    compare_stopper(learner, ref, [1.0, 3.0, 2.0, 1.5, 0.5], 4)


def test_stopper_mode_max(learner, ref):
    compare_stopper(learner, ref, [0.5, 0.75, 0.75, 1.0, 1.0, 1.0], 2, 0.0, "max")
    compare_stopper(learner, ref, [0.5, 0.75, 1.0, 1.125, 1.5], 2, 0.25, "max")


def test_stopper_nan_never_improves(learner, ref):
    compare_stopper(learner, ref, [1.0, NAN, 0.5, NAN, NAN], 2)
    compare_stopper(learner, ref, [NAN, 2.0, 1.0], 3)
    compare_stopper(learner, ref, [1.0, NAN, 2.0], 5, 0.0, "max")


def test_stopper_returns_true_when_bad_epochs_reach_patience(learner, ref):
    for patience in (1, 2, 3):
        compare_stopper(learner, ref, [1.0, 2.0, 2.0, 2.0, 2.0], patience)
    s = cc.call(learner.EarlyStopping, 1)
    got = [s.step(1.0), s.step(1.0)]
    cc.expect(got == [False, True] and all(type(g) is bool for g in got),
              "EarlyStopping(1): step(1.0) then step(1.0) should return False, then True (bools)",
              expected="[False, True]", actual=cc.show(got))


def test_stopper_rejects_bad_arguments(learner):
    cc.expect_raises(ValueError, learner.EarlyStopping, 0)
    cc.expect_raises(ValueError, learner.EarlyStopping, -1)
    cc.expect_raises(ValueError, learner.EarlyStopping, 2, -0.5)
    cc.expect_raises(ValueError, learner.EarlyStopping, 2, 0.0, "lowest")


def test_stopper_keeps_a_copy_of_the_best_weights(learner):
    model = nn.Linear(2, 1)
    s = cc.call(learner.EarlyStopping, 2)
    with torch.no_grad():
        model.weight.fill_(1.0)
    s.step(0.5, model)
    with torch.no_grad():
        model.weight.fill_(7.0)  # training goes on, in place
    s.step(0.9, model)
    state = s.best_state
    cc.expect(isinstance(state, dict) and "weight" in state, "after step(0.5, model) best_state should be the "
              "model's state_dict (a dict with 'weight' and 'bias')", expected="a state_dict", actual=cc.show(state))
    w = state["weight"]
    cc.expect(torch.equal(w, torch.ones(1, 2)), "best_state['weight'] changed when training continued: keep a copy "
              "(copy.deepcopy(model.state_dict())), not the model's own tensors",
              expected=cc.show(torch.ones(1, 2)), actual=cc.show(w))
    s2 = cc.call(learner.EarlyStopping, 2)
    s2.step(1.0)
    cc.expect(s2.best_state is None, "step(value) without a model should leave best_state None",
              expected="None", actual=cc.show(s2.best_state))


def random_values(rng, n):
    """Multiples of 1/4 (exact in binary), with plateaus, ties and some NaN."""
    out, v = [], rng.randint(4, 12) / 4
    for _ in range(n):
        r = rng.random()
        if r < 0.1:
            out.append(NAN)
            continue
        v = v if r < 0.35 else v + rng.choice([-3, -2, -1, -1, 1, 2]) / 4
        out.append(v)
    return out


def test_stopper_matches_the_reference_on_random_curves(learner, ref):
    for rng in cc.random_cases(20, seed=21):
        values = random_values(rng, rng.randint(1, 6 + 2 * rng.case))
        compare_stopper(learner, ref, values, rng.randint(1, 4), rng.choice([0.0, 0.25, 0.5]), rng.choice(["min", "max"]))


def test_fit_stops_after_patience_and_restores_the_best_weights(learner, ref):
    cc.compare(fit_view(learner.fit_with_early_stopping), fit_view(ref.fit_with_early_stopping),
               [1.0, 0.5, 0.75, 0.625, 0.875, 0.25], 6, 3)


def test_fit_runs_at_most_max_epochs(learner, ref):
    cc.compare(fit_view(learner.fit_with_early_stopping), fit_view(ref.fit_with_early_stopping),
               [4.0, 3.0, 2.0, 1.0, 0.5, 0.25], 4, 2)


def test_fit_keeps_the_first_of_equal_epochs(learner, ref):
    cc.compare(fit_view(learner.fit_with_early_stopping), fit_view(ref.fit_with_early_stopping),
               [1.0, 0.5, 0.5, 0.5, 0.5], 5, 3)


def test_fit_uses_min_delta(learner, ref):
    cc.compare(fit_view(learner.fit_with_early_stopping), fit_view(ref.fit_with_early_stopping),
               [1.0, 0.75, 0.625, 0.5, 0.5, 0.5], 6, 2, 0.25)


def test_fit_leaves_the_weights_alone_when_no_epoch_improves(learner, ref):
    cc.compare(fit_view(learner.fit_with_early_stopping), fit_view(ref.fit_with_early_stopping),
               [NAN, NAN, NAN], 3, 2)


def test_fit_matches_the_reference_on_random_curves(learner, ref):
    for rng in cc.random_cases(20, seed=22):
        values = random_values(rng, 12)
        cc.compare(fit_view(learner.fit_with_early_stopping), fit_view(ref.fit_with_early_stopping),
                   values, rng.randint(1, 12), rng.randint(1, 4), rng.choice([0.0, 0.25, 0.5]))
