"""Checks pairwise_distances against exact distances computed in float64 from
the differences: shape, dtype, values within the stated tolerance, exact
zeros for identical points, close points, empty and non-contiguous inputs,
and that it broadcasts instead of looping (the learner's file has no loop,
and the number of torch operations it runs does not grow with the input)."""

import ast
import linecache

import torch

import coursecheck as cc

torch.set_num_threads(1)

TOL = {torch.float64: (1e-9, 1e-12), torch.float32: (1e-5, 1e-5)}  # (rtol, atol)


def exact(a, b):
    """The distances in float64 from the differences, cast to the inputs' dtype."""
    diff = a.double()[:, None, :] - b.double()[None, :, :]
    return diff.pow(2).sum(dim=-1).sqrt().to(a.dtype)


exact.__name__ = "pairwise_distances"


def same(learner, a, b):
    rtol, atol = TOL[a.dtype]
    return cc.compare(learner.pairwise_distances, exact, a, b, rtol=rtol, atol=atol)


def points(g, n, d, dtype=torch.float64, scale=10.0):
    return (torch.rand(n, d, generator=g, dtype=torch.float64) * 2 - 1).mul(scale).to(dtype)


class Counting(torch.Tensor):
    """A tensor that records every torch function called on it (and on what
    is computed from it)."""

    calls = []

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        Counting.calls.append(getattr(func, "__name__", str(func)))
        return super().__torch_function__(func, types, args, kwargs or {})

    def __deepcopy__(self, memo):
        with torch._C.DisableTorchFunction():
            return self.clone().as_subclass(Counting)


def operations(learner, n, m, d):
    g = torch.Generator().manual_seed(n * 100 + m)
    a, b = points(g, n, d).as_subclass(Counting), points(g, m, d).as_subclass(Counting)
    Counting.calls = []
    cc.call(learner.pairwise_distances, a, b)
    calls, Counting.calls = Counting.calls, []
    return calls


def test_one_point_against_one_point(learner):
    a = torch.tensor([[0.0, 0.0]], dtype=torch.float64)
    b = torch.tensor([[3.0, 4.0]], dtype=torch.float64)
    same(learner, a, b)


def test_result_is_n_by_m(learner):
    a = torch.tensor([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0]], dtype=torch.float64)
    b = torch.tensor([[0.0, 0.0], [3.0, 4.0]], dtype=torch.float64)
    same(learner, a, b)


def test_one_coordinate_and_many(learner):
    g = torch.Generator().manual_seed(1)
    same(learner, points(g, 4, 1), points(g, 3, 1))
    same(learner, points(g, 3, 7), points(g, 5, 7))


def test_float32_in_float32_out(learner):
    g = torch.Generator().manual_seed(2)
    same(learner, points(g, 5, 3, torch.float32), points(g, 4, 3, torch.float32))


def test_identical_points_give_exactly_zero_not_nan(learner):
    g = torch.Generator().manual_seed(3)
    for dtype in (torch.float64, torch.float32):
        for scale in (1.0, 1000.0):
            a = points(g, 30, 3, dtype, scale)
            got = cc.call(learner.pairwise_distances, a, a.clone())
            cc.expect(isinstance(got, torch.Tensor) and got.shape == (30, 30),
                      "pairwise_distances should return a (30, 30) tensor for two sets of 30 points",
                      expected="tensor(shape=(30, 30))", actual=cc.show(got))
            diag = got.diagonal()
            cc.expect(bool((diag == 0).all()), f"the distance of each point to itself should be exactly 0.0 "
                      f"({dtype}, coordinates up to {scale:g}); the expanded formula |a|^2 + |b|^2 - 2 a.b "
                      "leaves rounding errors here", expected="0.0 on the diagonal",
                      actual=cc.show(diag))
            same(learner, a, a.clone())


def test_points_a_millionth_apart(learner):
    a = torch.tensor([[1.0, 2.0, 3.0], [100.0, -50.0, 25.0]], dtype=torch.float64)
    b = a + torch.tensor([1e-6, 0.0, 0.0], dtype=torch.float64)
    same(learner, a, b)


def test_empty_point_sets(learner):
    g = torch.Generator().manual_seed(4)
    same(learner, points(g, 0, 3), points(g, 4, 3))
    same(learner, points(g, 4, 3), points(g, 0, 3))


def test_non_contiguous_inputs(learner):
    g = torch.Generator().manual_seed(5)
    a = points(g, 3, 5).t()  # (5, 3), not contiguous
    b = points(g, 3, 4).t()  # (4, 3)
    cc.expect(not a.is_contiguous(), "checker: the input should be non-contiguous")
    same(learner, a, b)


def test_matches_exact_distances_on_random_points(learner):
    for rng in cc.random_cases(24, seed=12):
        g = torch.Generator().manual_seed(rng.getrandbits(32))
        n, m, d = rng.randint(1, 3 + rng.case), rng.randint(1, 3 + rng.case), rng.randint(1, 5)
        dtype = torch.float32 if rng.case % 4 == 3 else torch.float64
        same(learner, points(g, n, d, dtype), points(g, m, d, dtype))


def test_file_has_no_python_loop(learner):
    source = "".join(linecache.getlines(learner.__file__))
    loops = []
    names = {ast.For: "for", ast.AsyncFor: "for", ast.While: "while", ast.ListComp: "list comprehension",
             ast.SetComp: "set comprehension", ast.DictComp: "dict comprehension", ast.GeneratorExp: "generator expression"}
    for node in ast.walk(ast.parse(source)):
        if type(node) in names:
            loops.append(f"a {names[type(node)]} at line {node.lineno}")
    cc.expect(not loops, "your file has a Python loop: " + ", ".join(loops) +
              "; broadcast instead (a[:, None, :] - b[None, :, :] gives every difference at once)",
              input="your file", expected="no for, while or comprehension", actual=", ".join(loops))


def test_operations_do_not_grow_with_the_input(learner):
    small = operations(learner, 3, 2, 2)
    large = operations(learner, 30, 20, 2)
    cc.expect("cdist" not in small, "pairwise_distances calls torch.cdist; write the broadcasting yourself",
              expected="no torch.cdist", actual=f"{len(small)} torch operations, among them cdist")
    cc.expect(len(large) <= len(small),
              "the number of torch operations grows with the input: a Python loop (or map, or recursion) "
              "over the points; broadcast instead",
              expected=f"the same number for (3, 2) and (30, 20) points ({len(small)})",
              actual=f"{len(small)} operations for 3 and 2 points, {len(large)} for 30 and 20")
