"""Checks f against the reference and grad_f against torch.autograd.grad of
the reference f, in float64, on edge cases (one row, one feature, square x,
saturated tanh) and random inputs; that f returns a 0-dim tensor autograd can
differentiate; and that grad_f does not run autograd."""

import torch
from torch.autograd.variable import Variable

import coursecheck as cc

torch.set_num_threads(1)
RTOL, ATOL = 1e-10, 1e-12


def autograd_of(ref):
    """The gradients of the reference f by autograd, as grad_f returns them."""

    def grad_f(x, w):
        x, w = x.detach().clone().requires_grad_(), w.detach().clone().requires_grad_()
        dx, dw = torch.autograd.grad(ref.f(x, w), (x, w))
        return dx, dw

    return grad_f


def inputs(g, n, d, scale=1.0):
    x = (torch.rand(n, d, generator=g, dtype=torch.float64) * 2 - 1) * scale
    w = torch.rand(d, generator=g, dtype=torch.float64) * 2 - 1
    return x, w


def both(learner, ref, x, w):
    cc.compare(learner.f, ref.f, x, w, rtol=RTOL, atol=ATOL)
    cc.compare(learner.grad_f, autograd_of(ref), x, w, rtol=RTOL, atol=ATOL)


def test_f_on_a_small_example(learner, ref):
    x = torch.tensor([[1.0, 2.0], [0.5, -1.0], [0.0, 3.0]], dtype=torch.float64)
    w = torch.tensor([0.3, -0.2], dtype=torch.float64)
    cc.compare(learner.f, ref.f, x, w, rtol=RTOL, atol=ATOL)


def test_f_returns_a_tensor_autograd_can_differentiate(learner, ref):
    x = torch.tensor([[1.0, 2.0], [0.5, -1.0], [0.0, 3.0]], dtype=torch.float64, requires_grad=True)
    w = torch.tensor([0.3, -0.2], dtype=torch.float64, requires_grad=True)
    out = cc.call(learner.f, x, w)
    # cc.call passes copies; differentiate a call on these very tensors.
    out = learner.f(x, w)
    cc.expect(isinstance(out, torch.Tensor) and out.dim() == 0,
              "f should return a 0-dimensional tensor (did you call .item()? a Python float has no graph)",
              expected="tensor(shape=(), dtype=torch.float64)", actual=cc.show(out))
    cc.expect(out.requires_grad, "f's result does not require grad: autograd cannot differentiate it "
              "(was it computed under torch.no_grad(), or from detached tensors?)", actual=cc.show(out))
    try:
        dx, dw = torch.autograd.grad(out, (x, w))
    except RuntimeError as e:
        cc.expect(False, "autograd cannot run backward through your f: " + str(e).split(" Hint:")[0] +
                  " (an in-place operation such as t.mul_(t) or t **= 2 on a tensor the backward pass needs)",
                  expected="the gradients of f", actual=f"RuntimeError: {e}")
    ex, ew = autograd_of(ref)(x, w)
    d = cc.describe_difference([dx, dw], [ex, ew], RTOL, ATOL)
    cc.expect(d is None, f"autograd through your f gives other gradients than through the reference f: {d}",
              expected=cc.show([ex, ew]), actual=cc.show([dx, dw]))


def test_grad_f_on_a_small_example(learner, ref):
    x = torch.tensor([[1.0, 2.0], [0.5, -1.0], [0.0, 3.0]], dtype=torch.float64)
    w = torch.tensor([0.3, -0.2], dtype=torch.float64)
    cc.compare(learner.grad_f, autograd_of(ref), x, w, rtol=RTOL, atol=ATOL)


def test_grad_f_with_one_row_or_one_feature(learner, ref):
    g = torch.Generator().manual_seed(1)
    for n, d in ((1, 1), (1, 4), (5, 1)):
        both(learner, ref, *inputs(g, n, d))


def test_grad_f_with_as_many_rows_as_features(learner, ref):
    g = torch.Generator().manual_seed(2)
    for n in (2, 3):
        both(learner, ref, *inputs(g, n, n))


def test_grad_f_where_tanh_saturates(learner, ref):
    g = torch.Generator().manual_seed(3)
    both(learner, ref, *inputs(g, 4, 3, scale=40.0))


def test_grad_f_matches_autograd_on_random_inputs(learner, ref):
    for rng in cc.random_cases(25, seed=22):
        g = torch.Generator().manual_seed(rng.getrandbits(32))
        n, d = rng.randint(1, 2 + rng.case), rng.randint(1, 6)
        both(learner, ref, *inputs(g, n, d, scale=rng.choice([0.5, 1.0, 3.0])))


class _Spy:
    """Stands in for autograd's engine and counts backward passes."""

    def __init__(self, engine):
        self.engine, self.runs = engine, 0

    def run_backward(self, *args, **kwargs):
        self.runs += 1
        return self.engine.run_backward(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.engine, name)


def test_grad_f_does_not_use_autograd(learner):
    g = torch.Generator().manual_seed(4)
    x, w = inputs(g, 4, 3)
    engine = Variable._execution_engine
    spy = _Spy(engine)
    Variable._execution_engine = spy
    try:
        cc.call(learner.grad_f, x, w)
    finally:
        Variable._execution_engine = engine
    cc.expect(spy.runs == 0, "grad_f ran autograd's backward pass (backward(), torch.autograd.grad or "
              "torch.autograd.functional); derive the gradient by hand with tensor operations",
              expected="no backward pass", actual=f"{spy.runs} backward pass(es)")
