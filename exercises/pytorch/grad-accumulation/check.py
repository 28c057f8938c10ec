"""Checks accumulated_step against one optimiser step on the whole batch:
the parameters after the step and the returned loss (float64, relative
tolerance 1e-10), on models that arrive with stale gradients, with even and
uneven micro-batches, mean-squared-error and cross-entropy losses; and the
order of the calls (forward, backward per micro-batch, one step)."""

import torch
from torch import nn

import coursecheck as cc

torch.set_num_threads(1)
RTOL, ATOL = 1e-10, 1e-12


class Problem:
    """A seeded float64 model, its data, a loss and an SGD optimiser's settings."""

    def __init__(self, seed, n, micro, d_in=3, hidden=5, classes=0, lr=0.1):
        self.seed, self.n, self.micro = seed, n, micro
        self.d_in, self.hidden, self.classes, self.lr = d_in, hidden, classes, lr

    def __repr__(self):  # what the checker's messages show as the input
        loss = f"CrossEntropyLoss over {self.classes} classes" if self.classes else "MSELoss"
        return (f"<{self.n} rows, micro_batch_size={self.micro}, model {self.d_in}→{self.hidden}→"
                f"{self.classes or 2} (float64, with stale gradients), {loss}, "
                f"SGD(lr={self.lr}, momentum=0.9, weight_decay=0.01), seed {self.seed}>")

    def build(self):
        g = torch.Generator().manual_seed(self.seed)
        torch.manual_seed(self.seed)
        model = nn.Sequential(nn.Linear(self.d_in, self.hidden), nn.Tanh(),
                              nn.Linear(self.hidden, self.classes or 2)).double()
        for p in model.parameters():  # left over from an earlier step
            p.grad = torch.randn(p.shape, generator=g, dtype=torch.float64)
        x = torch.randn(self.n, self.d_in, generator=g, dtype=torch.float64)
        if self.classes:
            y = torch.randint(0, self.classes, (self.n,), generator=g)
            loss_fn = nn.CrossEntropyLoss()
        else:
            y = torch.randn(self.n, 2, generator=g, dtype=torch.float64)
            loss_fn = nn.MSELoss()
        opt = torch.optim.SGD(model.parameters(), lr=self.lr, momentum=0.9, weight_decay=0.01)
        return model, opt, loss_fn, x, y


def outcome(model, loss):
    return {
        "returned loss": loss,
        "parameters after the step": {n: p.detach().clone() for n, p in model.named_parameters()},
    }


def behaviour(fn):
    """Wraps accumulated_step: the parameters after it, and what it returned."""

    def accumulated_step(problem):
        model, opt, loss_fn, x, y = problem.build()
        loss = fn(model, opt, loss_fn, x, y, problem.micro)
        return outcome(model, loss)

    return accumulated_step


def large_batch(problem):
    """One ordinary step on the whole batch: what accumulation must equal."""
    model, opt, loss_fn, x, y = problem.build()
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    return outcome(model, loss.item())


large_batch.__name__ = "accumulated_step"  # counted as the reference's cases


def calls(fn, problem):
    """The forward passes (with their rows), backward passes and steps, in order."""
    model, opt, loss_fn, x, y = problem.build()
    log = []

    def on_forward(module, inputs, output):
        log.append(f"forward {len(inputs[0])} rows")
        if output.requires_grad:
            output.register_hook(lambda g: log.append("backward"))

    model.register_forward_hook(on_forward)
    step = opt.step

    def logged_step(*args, **kwargs):
        log.append("optimizer.step()")
        return step(*args, **kwargs)

    opt.step = logged_step
    fn(model, opt, loss_fn, x, y, problem.micro)
    return log


def expected_calls(problem):
    log = []
    for start in range(0, problem.n, problem.micro):
        log += [f"forward {min(problem.micro, problem.n - start)} rows", "backward"]
    return log + ["optimizer.step()"]


def compare_with_large_batch(learner, problem):
    cc.compare(behaviour(learner.accumulated_step), large_batch, problem, rtol=RTOL, atol=ATOL)


def test_even_micro_batches_give_the_large_batch_update(learner):
    compare_with_large_batch(learner, Problem(1, 8, 2))
    compare_with_large_batch(learner, Problem(2, 12, 4, classes=3))


def test_an_uneven_last_micro_batch_counts_by_its_rows(learner):
    compare_with_large_batch(learner, Problem(3, 10, 4))  # 4 + 4 + 2
    compare_with_large_batch(learner, Problem(4, 7, 3, classes=4))  # 3 + 3 + 1


def test_one_micro_batch_and_one_row_at_a_time(learner):
    compare_with_large_batch(learner, Problem(5, 6, 6))
    compare_with_large_batch(learner, Problem(6, 5, 9))  # larger than the batch
    compare_with_large_batch(learner, Problem(7, 5, 1))


def test_stale_gradients_do_not_leak_into_the_update(learner):
    # Every Problem starts with random gradients in .grad; this one has a
    # single micro-batch, so nothing but a missing zero_grad can go wrong.
    compare_with_large_batch(learner, Problem(8, 4, 4, lr=1.0))


def test_matches_the_large_batch_step_on_random_problems(learner):
    for rng in cc.random_cases(24, seed=21):
        n = rng.randint(2, 6 + 2 * rng.case)
        problem = Problem(rng.randint(0, 10**6), n, rng.randint(1, n + 2), d_in=rng.randint(1, 6),
                          hidden=rng.randint(1, 8), classes=rng.choice([0, 0, 2, 5]),
                          lr=rng.choice([0.5, 0.1, 0.01]))
        compare_with_large_batch(learner, problem)


def test_each_micro_batch_is_fed_forward_then_backward_and_the_step_comes_once(learner):
    for problem in (Problem(9, 10, 4), Problem(10, 6, 2, classes=3), Problem(11, 3, 5)):
        want = expected_calls(problem)
        got = cc.call(calls, learner.accumulated_step, problem)
        cc.expect(got == want,
                  f"accumulated_step on {problem.n} rows with micro_batch_size={problem.micro} should run "
                  "forward then backward on each micro-batch in order (at most micro_batch_size rows "
                  "each, the last one holds the rest) and call optimizer.step() once, at the end",
                  input=repr(problem), expected=cc.show(want), actual=cc.show(got))


def test_returns_a_python_float(learner):
    model, opt, loss_fn, x, y = Problem(12, 6, 4).build()
    got = cc.call(learner.accumulated_step, model, opt, loss_fn, x, y, 4)
    cc.expect(type(got) is float, "accumulated_step should return the batch's mean loss as a Python float "
              "(loss.item()), not a tensor", expected="a float", actual=f"{type(got).__name__}: {cc.show(got)}")
