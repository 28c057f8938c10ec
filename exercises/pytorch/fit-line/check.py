"""Checks fit by the losses it returns and the weights it leaves (against the
reference, with the same starting weights and the same random state for
dropout; the comparison also fails if fit changes x or y), the mode it trains in and leaves the model in, the type of the
losses and the step budget; evaluate by its value, mode and graph; and
LEARNING_RATE by the loss it reaches on the lesson's line."""

import torch
from torch import nn

import coursecheck as cc

torch.set_num_threads(1)


class ModeProbe(nn.Module):
    """Passes its input through and records, at each forward, whether the
    model was in training mode and whether autograd was recording."""

    def __init__(self):
        super().__init__()
        self.seen = []

    def forward(self, x):
        self.seen.append((self.training, torch.is_grad_enabled()))
        return x


LAYERS = {n: getattr(nn, n) for n in ("Linear", "Sequential", "Tanh", "ReLU", "Dropout")}


def spec(kind, d):
    """The model a test uses, as the source that builds it (shown in messages)."""
    return {
        "linear": f"Linear({d}, 1)",
        "mlp": f"Sequential(Linear({d}, 4), Tanh(), Linear(4, 1))",
        "dropout": f"Sequential(Linear({d}, 6), ReLU(), Dropout(0.3), Linear(6, 1))",
    }[kind]


def make_model(kind, d, seed):
    """The model spec(kind, d) names, its weights drawn after torch.manual_seed(seed)."""
    torch.manual_seed(seed)
    return eval(spec(kind, d), LAYERS)


def make_data(n, d, seed):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, d, generator=g)
    w = torch.randn(d, 1, generator=g)
    y = x @ w + 0.5 + 0.1 * torch.randn(n, 1, generator=g)
    return x, y


def fitted(fit):
    """Wraps fit: builds the model a spec names, trains it from a fixed random
    state, and returns what training gave (losses and the weights left)."""

    def fit_model(model_source, x, y, steps, lr):
        torch.manual_seed(1)
        model = eval(model_source, LAYERS)
        torch.manual_seed(2)  # the same dropout masks on both sides
        losses = fit(model, x, y, steps, lr)
        return {"losses": losses, "weights": [p.detach().clone() for p in model.parameters()]}

    fit_model.__name__ = "fit"
    return fit_model


def expect_floats(losses, steps, call):
    cc.expect(isinstance(losses, list), f"{call} should return a list of {steps} floats",
              expected="list", actual=cc.show(losses))
    cc.expect(len(losses) == steps, f"{call} should return one loss per step: {steps}, got {len(losses)}",
              expected=str(steps), actual=str(len(losses)))
    bad = [i for i, v in enumerate(losses) if type(v) is not float]
    cc.expect(not bad, f"{call}: losses[{bad[0] if bad else 0}] is a {type(losses[bad[0]]).__name__ if bad else ''}, "
              "not a Python float; append loss.item(): a stored loss tensor keeps its whole graph alive",
              expected="float", actual=cc.show(losses[bad[0]]) if bad else "")


def test_fit_returns_one_python_float_per_step(learner):
    x, y = make_data(16, 2, seed=3)
    for steps in (0, 1, 7):
        model = make_model("linear", 2, seed=1)
        losses = cc.call(learner.fit, model, x, y, steps, 0.1)
        expect_floats(losses, steps, f"fit(Linear(2, 1), x, y, steps={steps}, lr=0.1)")


def test_fit_matches_the_reference_on_small_cases(learner, ref):
    x, y = make_data(16, 2, seed=3)
    for kind, steps, lr in (("linear", 0, 0.1), ("linear", 1, 0.1), ("linear", 2, 0.1), ("linear", 10, 0.3),
                            ("mlp", 5, 0.2), ("dropout", 5, 0.2)):
        cc.compare(fitted(learner.fit), fitted(ref.fit), spec(kind, 2), x, y, steps, lr, rtol=1e-5, atol=1e-6)


def test_fit_matches_the_reference_on_random_data(learner, ref):
    for rng in cc.random_cases(20, seed=11):
        d = rng.randint(1, 4)
        x, y = make_data(rng.randint(4, 32), d, seed=rng.randint(0, 10**6))
        kind = rng.choice(["linear", "mlp", "dropout"])
        cc.compare(fitted(learner.fit), fitted(ref.fit), spec(kind, d), x, y, rng.randint(1, 15),
                   rng.choice([0.01, 0.05, 0.1, 0.3]), rtol=1e-5, atol=1e-6)


def test_fit_takes_exactly_the_budget_of_steps(learner):
    # A model whose forward counts calls: fit must run it once per step.
    x, y = make_data(8, 1, seed=4)
    for steps in (1, 3, 12):
        probe = ModeProbe()
        model = nn.Sequential(make_model("linear", 1, seed=1), probe)
        call = f"fit(Sequential(Linear(1, 1), probe), x, y, steps={steps}, lr=0.1)"
        learner.fit(model, x, y, steps, 0.1)  # not cc.call: it would pass a copy of the probe
        cc.expect(len(probe.seen) == steps,
                  f"{call} ran the model {len(probe.seen)} times; "
                  f"it should run exactly {steps} steps, one forward each", input=call,
                  expected=str(steps), actual=str(len(probe.seen)))


def test_fit_trains_in_training_mode_and_leaves_evaluation_mode(learner):
    x, y = make_data(8, 1, seed=5)
    probe = ModeProbe()
    model = nn.Sequential(make_model("linear", 1, seed=1), nn.Dropout(0.0), probe)
    model.eval()  # fit must switch it to training mode itself
    call = "fit(Sequential(Linear(1, 1), Dropout(0.0), probe) in evaluation mode, x, y, steps=3, lr=0.1)"
    learner.fit(model, x, y, 3, 0.1)
    cc.expect(all(training for training, _ in probe.seen),
              f"{call} ran a step in evaluation mode; call model.train() before the first step", input=call,
              expected="training mode at every step", actual=f"model.training at each forward: {[t for t, _ in probe.seen]}")
    modes = {name or "model": m.training for name, m in model.named_modules()}
    cc.expect(not any(modes.values()), f"after {call} the model should be in evaluation mode (model.eval())",
              input=call, expected="training=False everywhere", actual=cc.show(modes))


def evaluated(evaluate):
    """Wraps evaluate: the value, and the mode the model is left in."""

    def evaluate_model(model_source, x, y, training):
        torch.manual_seed(1)
        model = eval(model_source, LAYERS)
        model.train(training)
        value = evaluate(model, x, y)
        return {"loss": value, "model.training afterwards": model.training}

    evaluate_model.__name__ = "evaluate"
    return evaluate_model


def test_evaluate_matches_the_reference_and_keeps_the_mode(learner, ref):
    x, y = make_data(16, 2, seed=7)
    for kind in ("linear", "mlp", "dropout"):
        for training in (True, False):
            cc.compare(evaluated(learner.evaluate), evaluated(ref.evaluate), spec(kind, 2), x, y, training,
                       rtol=1e-6, atol=1e-7)


def test_evaluate_matches_the_reference_on_random_data(learner, ref):
    for rng in cc.random_cases(20, seed=12):
        d = rng.randint(1, 4)
        x, y = make_data(rng.randint(1, 32), d, seed=rng.randint(0, 10**6))
        cc.compare(evaluated(learner.evaluate), evaluated(ref.evaluate), spec(rng.choice(["linear", "mlp", "dropout"]), d),
                   x, y, rng.random() < 0.5, rtol=1e-6, atol=1e-7)


def test_evaluate_runs_in_evaluation_mode_without_a_graph(learner):
    x, y = make_data(8, 1, seed=8)
    probe = ModeProbe()
    model = nn.Sequential(make_model("linear", 1, seed=1), probe)
    model.train()
    call = "evaluate(Sequential(Linear(1, 1), probe) in training mode, x, y)"
    value = learner.evaluate(model, x, y)
    cc.expect(type(value) is float, f"{call} should return a Python float (loss.item())", input=call,
              expected="float", actual=f"{type(value).__name__}: {cc.show(value)}")
    cc.expect(bool(probe.seen) and not any(t for t, _ in probe.seen),
              f"{call} ran the model in training mode (or not at all); call model.eval() first", input=call,
              expected="training=False at the forward", actual=f"model.training at each forward: {[t for t, _ in probe.seen]}")
    cc.expect(not any(g for _, g in probe.seen),
              f"{call} recorded a graph; compute the loss inside `with torch.no_grad():`", input=call,
              expected="torch.is_grad_enabled() False at the forward", actual="True")


def line_data():
    x = torch.linspace(-1, 1, 64).unsqueeze(1)
    noise = torch.randn(64, 1, generator=torch.Generator().manual_seed(0))
    return x, 3 * x + 0.5 + 0.1 * noise


def test_learning_rate_fits_the_line_within_25_steps(learner, ref):
    lr = getattr(learner, "LEARNING_RATE", None)
    cc.expect(isinstance(lr, (int, float)) and not isinstance(lr, bool) and lr > 0,
              "LEARNING_RATE should be a positive number", expected="a float > 0", actual=cc.show(lr))
    x, y = line_data()
    torch.manual_seed(0)
    model = nn.Linear(1, 1)
    losses = ref.fit(model, x, y, 25, float(lr))
    final = ref.evaluate(model, x, y)
    trend = ", ".join(f"{v:.3g}" for v in losses[::6])
    # The bias has curvature 2 here (and the slope less), so plain gradient
    # descent converges for lr < 2 / 2 = 1 and oscillates or diverges above.
    why = ("at lr >= 1 gradient descent on this line oscillates or diverges" if lr >= 1
           else "the loss is still falling: the learning rate is too low for 25 steps")
    cc.expect(final < 0.011, f"with LEARNING_RATE = {lr!r}, 25 steps of fit leave a loss of {final:.4g} on the line, "
              f"not below 0.011; {why}", input=f"fit(nn.Linear(1, 1), x, y, 25, {lr!r})",
              expected="a loss below 0.011", actual=f"{final:.4g} (losses at steps 0, 6, 12, 18, 24: {trend})")
