"""coursecheck: the checker library of the course's exercises.

One module, Python 3.11+, standard library only (numpy and torch are used
only when a value under comparison is an array or a tensor), so the same code
runs in the page (Pyodide, called through `run`) and on the learner's
machine (`course check` runs this file's `main` in a child process).

Writing a checker (check.py)
----------------------------
A test is a top-level function of check.py whose name starts with `test_`;
tests run in the order they are defined. Name them as behaviour
(`test_mse_rejects_lists_of_different_lengths`): the name is what the learner
reads. A test takes the parameters it needs, by name:

    learner   the learner's module (their file, loaded as module "learner")
    ref       the reference solution (solution.py, loaded as module "solution")

and passes by returning; it fails when a helper below raises CheckFailure.
Any other exception is an error: raised in the learner's code, it is reported
with their traceback trimmed to their own file; raised elsewhere, it is a bug
in the checker and says so. Every checker compares the learner's functions
with the reference on edge cases and on at least 20 seeded random inputs
(`random_cases`), so it catches mistakes nobody listed.

    import coursecheck as cc

    def test_mse_matches_the_reference_on_random_lists(learner, ref):
        for rng in cc.random_cases(20, seed=1):
            n = rng.randint(1, 30)
            cc.compare(learner.mse, ref.mse, rng.floats(n), rng.floats(n))

Before each test the `random` module (and numpy's and torch's global
generators, when loaded) are seeded with 0, so a run is reproducible. Output
the learner's code prints (stdout and stderr) is captured per test; printing
more than OUTPUT_LIMIT characters in one test stops it with an error.

The report
----------
`run` returns a dict that follows report.schema.json (schema 1) and
`main` prints it; the schema file documents every field. Status "pass" means
every test passed, "fail" that at least one did not, "error" that the checker
itself could not run (`error` says why; not the learner's fault).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import copy
import io
import json
import linecache
import math
import os
import random
import sys
import time
import traceback
import types

SCHEMA = 1
OUTPUT_LIMIT = 1 << 20  # characters one test may print before it is stopped
KEEP_OUTPUT = 8 << 10  # characters of output kept per test in the report
KEEP_TEXT = 2000  # characters kept of a message, input, expected or actual value
IMPORT_TEST = "import"  # the pseudo-test that loads the learner's file
LEARNER_MODULE = "learner"
SOLUTION_MODULE = "solution"
CHECK_MODULE = "check"
TEST_PARAMS = ("learner", "ref")

__all__ = [
    "CheckFailure",
    "Rand",
    "approx_equal",
    "call",
    "check_gradient",
    "compare",
    "compare_images",
    "describe_difference",
    "expect",
    "expect_raises",
    "image_difference",
    "random_cases",
    "run",
    "show",
]


# ---------------------------------------------------------------- failures


class CheckFailure(AssertionError):
    """A test's verdict that the learner's code is wrong.

    message names what is wrong; input, expected and actual are short texts
    (use `show` for values) shown under it.
    """

    def __init__(self, message, *, input="", expected="", actual="", traceback=""):
        super().__init__(message)
        self.message = message
        self.input = input
        self.expected = expected
        self.actual = actual
        self.traceback = traceback


class OutputLimitExceeded(BaseException):
    """Raised inside print() when a test's output passes OUTPUT_LIMIT.

    A BaseException, so that `except Exception` in the learner's code does not
    swallow it."""


class LearnerRaised(Exception):
    """The learner's function, called through `call`, raised `exc`."""

    def __init__(self, input, brief, exc):
        super().__init__(brief)
        self.input = input
        self.brief = brief
        self.exc = exc


class _HarnessError(Exception):
    """The exercise itself is broken (check.py, solution.py, requires)."""


class _State:
    def __init__(self):
        self.learner_file = "learner.py"
        self.learner = None
        self.input = ""  # the learner's last call, in full
        self.brief = ""  # the same on one line
        self.random_depth = 0
        self.cases = {}

    def count(self, fn):
        name = getattr(fn, "__name__", "?")
        c = self.cases.setdefault(name, {"edge": 0, "random": 0})
        c["random" if self.random_depth > 0 else "edge"] += 1


_state = _State()


# ---------------------------------------------------------------- showing values


def _cut(text, limit=KEEP_TEXT):
    if len(text) <= limit:
        return text
    return text[:limit] + f"… [{len(text) - limit} more characters]"


def _is_array(x):
    return type(x).__module__ == "numpy" and type(x).__name__ == "ndarray"


def _is_tensor(x):
    return type(x).__module__.startswith("torch") and type(x).__name__ in ("Tensor", "Parameter")


def show(value, limit=KEEP_TEXT):
    """Return a short, readable text for value (arrays with shape and dtype)."""
    try:
        if _is_array(value):
            import numpy as np

            body = np.array2string(value, threshold=64, edgeitems=3, max_line_width=100)
            return _cut(f"array(shape={tuple(value.shape)}, dtype={value.dtype})\n{body}", limit)
        if _is_tensor(value):
            return _cut(
                f"tensor(shape={tuple(value.shape)}, dtype={value.dtype})\n{value.detach().cpu()}",
                limit,
            )
        if isinstance(value, float):
            return repr(value)
        return _cut(repr(value), limit)
    except Exception as e:  # a learner's object with a broken __repr__
        return f"<{type(value).__name__} object; repr failed: {type(e).__name__}>"


def _brief(value):
    """A one-line text for value: arrays and tensors by shape and dtype."""
    if _is_array(value) or _is_tensor(value):
        kind = "array" if _is_array(value) else "tensor"
        return f"{kind}(shape={tuple(value.shape)}, dtype={value.dtype})"
    text = " ".join(show(value, 80).split())
    return text


def _call_text(fn, args, kwargs, brief=False):
    """The call as Python source: in full (for the input field) or brief
    (one line, for messages)."""
    name = getattr(fn, "__name__", "function")
    each = _brief if brief else (lambda v: show(v, 1000))
    parts = [each(a) for a in args] + [f"{k}={each(v)}" for k, v in kwargs.items()]
    return _cut(f"{name}({', '.join(parts)})", 300 if brief else KEEP_TEXT)


# ---------------------------------------------------------------- comparison


def _is_number(x):
    if isinstance(x, bool):
        return False
    if isinstance(x, (int, float)):
        return True
    t = type(x)
    return t.__module__ == "numpy" and hasattr(x, "dtype") and x.dtype.kind in "iuf"


def _type_name(x):
    t = type(x)
    return t.__name__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__name__}"


def _close(a, e, rtol, atol):
    a, e = float(a), float(e)
    if math.isnan(e) or math.isnan(a):
        return math.isnan(e) and math.isnan(a)
    if math.isinf(e) or math.isinf(a):
        return a == e
    return abs(a - e) <= atol + rtol * abs(e)


def describe_difference(actual, expected, rtol=1e-9, atol=1e-12, _path=""):
    """Return None when actual equals expected within tolerance, else why not.

    Numbers compare as |actual - expected| <= atol + rtol * |expected| (NaN
    equals NaN); lists and tuples element by element (either kind accepted);
    dicts key by key; numpy arrays and torch tensors need the same shape and
    dtype, then compare element-wise; anything else with ==.
    """
    where = f"at {_path}: " if _path else ""
    if _is_tensor(expected):
        if not _is_tensor(actual):
            return f"{where}expected a torch tensor, got {_type_name(actual)}"
        if tuple(actual.shape) != tuple(expected.shape):
            return f"{where}expected shape {tuple(expected.shape)}, got {tuple(actual.shape)}"
        if actual.dtype != expected.dtype:
            return f"{where}expected dtype {expected.dtype}, got {actual.dtype}"
        if _tensors_close(actual, expected, rtol, atol):
            return None
        return describe_difference(
            actual.detach().cpu().tolist(), expected.detach().cpu().tolist(), rtol, atol, _path
        )
    if _is_array(expected):
        if not _is_array(actual):
            return f"{where}expected a numpy array, got {_type_name(actual)}"
        if actual.shape != expected.shape:
            return f"{where}expected shape {expected.shape}, got {actual.shape}"
        if actual.dtype != expected.dtype:
            return f"{where}expected dtype {expected.dtype}, got {actual.dtype}"
        return _array_difference(actual, expected, rtol, atol, _path)
    if isinstance(expected, bool):
        if not isinstance(actual, bool) and not (
            type(actual).__module__ == "numpy" and type(actual).__name__ == "bool_"
        ):
            return f"{where}expected a bool ({expected!r}), got {_type_name(actual)} {show(actual, 200)}"
        return None if bool(actual) == expected else f"{where}expected {expected!r}, got {actual!r}"
    if _is_number(expected):
        if not _is_number(actual):
            return f"{where}expected a number ({show(expected, 200)}), got {_type_name(actual)} {show(actual, 200)}"
        if _close(actual, expected, rtol, atol):
            return None
        return f"{where}expected {show(expected, 200)}, got {show(actual, 200)}"
    if isinstance(expected, (list, tuple)):
        if not isinstance(actual, (list, tuple)):
            return f"{where}expected a {_type_name(expected)}, got {_type_name(actual)} {show(actual, 200)}"
        if len(actual) != len(expected):
            return f"{where}expected {len(expected)} items, got {len(actual)}"
        for i, (a, e) in enumerate(zip(actual, expected)):
            d = describe_difference(a, e, rtol, atol, f"{_path}[{i}]")
            if d:
                return d
        return None
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"{where}expected a dict, got {_type_name(actual)}"
        if set(actual) != set(expected):
            missing = sorted(map(repr, set(expected) - set(actual)))
            extra = sorted(map(repr, set(actual) - set(expected)))
            return f"{where}keys differ: missing {', '.join(missing) or 'none'}; unexpected {', '.join(extra) or 'none'}"
        for k in expected:
            d = describe_difference(actual[k], expected[k], rtol, atol, f"{_path}[{k!r}]")
            if d:
                return d
        return None
    try:
        same = actual == expected
        if not isinstance(same, bool):
            same = bool(same)
    except Exception:
        same = False
    if same and type(actual) is type(expected):
        return None
    return f"{where}expected {show(expected, 200)}, got {show(actual, 200)}"


def _tensors_close(actual, expected, rtol, atol):
    """Whether two real or bool tensors of one shape and dtype agree as the
    element-wise walk of their tolist() would find: the same test on the
    same float64 values, done at once (walking a 3x224x224 image took a
    second). False means "walk them" (to name the first difference)."""
    try:
        import numpy as np

        if expected.dtype.is_complex:
            return False
        a = actual.detach().cpu().to(dtype=_float64(expected)).numpy()
        e = expected.detach().cpu().to(dtype=_float64(expected)).numpy()
        if e.dtype == np.bool_:
            return bool(np.array_equal(a, e))
        with np.errstate(invalid="ignore", over="ignore"):
            return bool(np.isclose(a, e, rtol=rtol, atol=atol, equal_nan=True).all())
    except Exception:
        return False


def _float64(t):
    import torch

    return torch.bool if t.dtype == torch.bool else torch.float64


def _array_difference(actual, expected, rtol, atol, path):
    import numpy as np

    if expected.size == 0:
        return None
    if expected.dtype.kind in "fc":
        ok = np.isclose(actual, expected, rtol=rtol, atol=atol, equal_nan=True)
    elif expected.dtype.kind in "iub":
        a, e = actual.astype(np.float64), expected.astype(np.float64)
        ok = np.abs(a - e) <= atol + rtol * np.abs(e)
    else:
        ok = actual == expected
    bad = np.argwhere(~ok)
    if len(bad) == 0:
        return None
    first = tuple(int(i) for i in bad[0])
    idx = "[" + ", ".join(map(str, first)) + "]"
    return (
        f"{'at ' + path + ': ' if path else ''}{len(bad)} of {expected.size} elements differ; "
        f"first at {idx}: expected {expected[first]!r}, got {actual[first]!r}"
    )


def approx_equal(actual, expected, rtol=1e-9, atol=1e-12):
    """Whether actual equals expected within tolerance (see describe_difference)."""
    return describe_difference(actual, expected, rtol, atol) is None


# ---------------------------------------------------------------- calling the learner


def call(fn, *args, **kwargs):
    """Call fn (usually one of the learner's functions) on deep copies of the
    arguments, remembering the call as the test's input.

    If fn raises, the test reports "<call> raised <exception>" with the
    learner's traceback."""
    text, brief = _remember(fn, args, kwargs)
    a, k = copy.deepcopy(args), copy.deepcopy(kwargs)
    try:
        return fn(*a, **k)
    except (CheckFailure, LearnerRaised, OutputLimitExceeded, KeyboardInterrupt):
        raise
    except BaseException as e:
        raise LearnerRaised(text, brief, e) from e


def _remember(fn, args, kwargs):
    """Note the learner's call as the test's input; return it in full and brief."""
    _state.input = _call_text(fn, args, kwargs)
    _state.brief = _call_text(fn, args, kwargs, brief=True)
    return _state.input, _state.brief


def expect(condition, message, *, input="", expected="", actual=""):
    """Fail with message unless condition holds."""
    if not condition:
        raise CheckFailure(message, input=input or _state.input, expected=expected, actual=actual)


def compare(learner_fn, ref_fn, *args, rtol=1e-9, atol=1e-12, differ=None, **kwargs):
    """Call the reference and the learner's function on (copies of) the same
    arguments and fail unless the results agree, or if the learner's function
    changed its arguments. Returns the learner's result.

    Results agree when describe_difference(actual, expected, rtol, atol) is
    None, or, when given, differ(actual, expected) is None (e.g. a lambda
    calling image_difference). The comparison counts as a case of
    ref_fn.__name__ in the report's cases (random inside random_cases)."""
    _state.count(ref_fn)
    try:
        expected = ref_fn(*copy.deepcopy(args), **copy.deepcopy(kwargs))
    except KeyboardInterrupt:
        raise
    except BaseException as e:
        raise _ReferenceFailed(_call_text(ref_fn, args, kwargs, brief=True), e) from e
    text, brief = _remember(learner_fn, args, kwargs)
    a, k = copy.deepcopy(args), copy.deepcopy(kwargs)
    try:
        actual = learner_fn(*a, **k)
    except (CheckFailure, OutputLimitExceeded, KeyboardInterrupt):
        raise
    except BaseException as e:
        raise LearnerRaised(text, brief, e) from e
    d = differ(actual, expected) if differ else describe_difference(actual, expected, rtol, atol)
    if d:
        raise CheckFailure(f"{brief}: {d}", input=text, expected=show(expected), actual=show(actual))
    for i, (before, after) in enumerate(zip(args, a)):
        if _plain(before) and describe_difference(after, before, 0, 0):
            raise CheckFailure(
                f"{brief} changed its argument {i + 1}; return a new value and leave the input as it was",
                input=text,
                expected=show(before),
                actual=show(after),
            )
    return actual


def _plain(x):
    """Whether describe_difference can tell if x changed (data, not objects)."""
    if x is None or isinstance(x, (bool, int, float, complex, str, bytes)) or _is_array(x) or _is_tensor(x):
        return True
    if isinstance(x, (list, tuple)):
        return all(_plain(v) for v in x)
    if isinstance(x, dict):
        return all(_plain(v) for v in x.values())
    return _is_number(x)


class _ReferenceFailed(Exception):
    def __init__(self, input, exc):
        super().__init__(input)
        self.input = input
        self.exc = exc


def expect_raises(exc, fn, *args, **kwargs):
    """Fail unless fn(*args, **kwargs) raises exc (a type or tuple of types).
    Returns the exception raised."""
    _state.count(fn)
    text, brief = _remember(fn, args, kwargs)
    want = exc.__name__ if isinstance(exc, type) else " or ".join(e.__name__ for e in exc)
    try:
        result = fn(*copy.deepcopy(args), **copy.deepcopy(kwargs))
    except exc as e:
        return e
    except (CheckFailure, OutputLimitExceeded, KeyboardInterrupt):
        raise
    except BaseException as e:
        raise CheckFailure(
            f"{brief} raised {type(e).__name__}: {_cut(str(e), 300)}; it should raise {want}",
            input=text,
            expected=want,
            actual=f"{type(e).__name__}: {_cut(str(e), 300)}",
            traceback=_learner_traceback(e),
        ) from None
    raise CheckFailure(
        f"{brief} returned {_brief(result)}; it should raise {want}",
        input=text,
        expected=want,
        actual=show(result),
    )


# ---------------------------------------------------------------- gradients and images


def check_gradient(f, grad, x, eps=1e-6, rtol=1e-4, atol=1e-6):
    """Fail unless grad(x) matches central finite differences of f at x.

    f maps a list (or 1-D numpy array) of floats to a float; grad returns a
    sequence of the same length."""
    _state.count(grad)
    numpy_in = _is_array(x)
    xs = [float(v) for v in (x.tolist() if numpy_in else x)]

    def at(values):
        if numpy_in:
            import numpy as np

            return np.array(values, dtype=x.dtype)
        return list(values)

    analytic = call(grad, at(xs))
    if _is_array(analytic):
        analytic = analytic.tolist()
    if not isinstance(analytic, (list, tuple)) or len(analytic) != len(xs):
        raise CheckFailure(
            f"{_call_text(grad, (at(xs),), {}, brief=True)} should return {len(xs)} partial derivatives, got {_brief(analytic)}",
            input=_call_text(grad, (at(xs),), {}),
            actual=show(analytic),
        )
    numeric = []
    for i in range(len(xs)):
        up, down = list(xs), list(xs)
        up[i] += eps
        down[i] -= eps
        numeric.append((float(call(f, at(up))) - float(call(f, at(down)))) / (2 * eps))
    text, brief = _remember(grad, (at(xs),), {})
    for i, (a, n) in enumerate(zip(analytic, numeric)):
        if not _close(a, n, rtol, atol):
            raise CheckFailure(
                f"{brief}: the partial derivative for x[{i}] is {a!r}, but finite differences of "
                f"{getattr(f, '__name__', 'f')} give {n:.6g}",
                input=text,
                expected=show([round(v, 6) for v in numeric]),
                actual=show(analytic),
            )


def _psnr(mse, peak):
    return math.inf if mse == 0 else 10 * math.log10(peak * peak / mse)


def image_difference(actual, expected, max_abs=0, min_psnr=None):
    """Return None when the images agree, else a sentence saying where not.

    Images are numpy arrays (or nested lists of numbers) of equal shape and
    dtype. They agree when no pixel differs by more than max_abs and (if
    given) the PSNR is at least min_psnr dB; the peak is 255 for integer
    images and 1.0 for float ones."""
    if _is_array(expected):
        import numpy as np

        if not _is_array(actual):
            return f"expected a numpy array, got {_type_name(actual)}"
        if actual.shape != expected.shape:
            return f"expected an image of shape {expected.shape}, got {actual.shape}"
        if actual.dtype != expected.dtype:
            return f"expected dtype {expected.dtype}, got {actual.dtype}"
        diff = np.abs(actual.astype(np.float64) - expected.astype(np.float64))
        peak = 1.0 if expected.dtype.kind == "f" else 255.0
        mse = float(np.mean(diff**2)) if diff.size else 0.0
        largest = float(diff.max()) if diff.size else 0.0
        bad = np.argwhere(diff > max_abs)
        worst = tuple(int(i) for i in np.unravel_index(int(np.argmax(diff)), diff.shape)) if diff.size else ()
        n_bad, size = len(bad), diff.size
        box = (bad.min(axis=0).tolist(), bad.max(axis=0).tolist()) if n_bad else None
        exp_at = expected[worst] if worst else None
        act_at = actual[worst] if worst else None
    else:
        flat_e, flat_a = _flatten(expected), _flatten(actual)
        if [i for i, _ in flat_e] != [i for i, _ in flat_a]:
            return "the images have different shapes"
        diffs = [(i, abs(float(a) - float(e)), e, a) for (i, e), (_, a) in zip(flat_e, flat_a)]
        peak = 255.0
        mse = sum(d * d for _, d, _, _ in diffs) / len(diffs) if diffs else 0.0
        largest = max((d for _, d, _, _ in diffs), default=0.0)
        bad_items = [x for x in diffs if x[1] > max_abs]
        n_bad, size = len(bad_items), len(diffs)
        worst_item = max(diffs, key=lambda x: x[1]) if diffs else None
        worst = worst_item[0] if worst_item else ()
        exp_at, act_at = (worst_item[2], worst_item[3]) if worst_item else (None, None)
        box = None
        if bad_items:
            idx = [b[0] for b in bad_items]
            box = ([min(c) for c in zip(*idx)], [max(c) for c in zip(*idx)])
    psnr = _psnr(mse, peak)
    too_far = n_bad > 0
    too_noisy = min_psnr is not None and psnr < min_psnr
    if not too_far and not too_noisy:
        return None
    parts = []
    if too_far:
        by = f" by more than {max_abs:g}" if max_abs else ""
        where = ""
        if box and len(box[0]) >= 2:
            where = f" (in {_span('row', box[0][0], box[1][0])}, {_span('column', box[0][1], box[1][1])})"
        parts.append(f"{n_bad} of {size} values differ{by}{where}")
    at = _index_text(worst)
    parts.append(f"the largest difference is {largest:g} at {at}: expected {_scalar(exp_at)}, got {_scalar(act_at)}")
    psnr_text = "infinite" if psnr == math.inf else f"{psnr:.1f} dB"
    parts.append(f"PSNR {psnr_text}" + (f" (at least {min_psnr:g} dB needed)" if min_psnr is not None else ""))
    return "; ".join(parts)


def _span(name, lo, hi):
    return f"{name} {lo}" if lo == hi else f"{name}s {lo}-{hi}"


def _index_text(idx):
    names = ("row", "column", "channel")
    if not idx:
        return "?"
    if len(idx) <= 3:
        return ", ".join(f"{names[i]} {v}" for i, v in enumerate(idx))
    return "[" + ", ".join(map(str, idx)) + "]"


def _scalar(v):
    try:
        if hasattr(v, "tolist"):
            v = v.tolist()
    except Exception:
        pass
    return show(v, 100)


def _flatten(x, prefix=()):
    if isinstance(x, (list, tuple)):
        out = []
        for i, v in enumerate(x):
            out.extend(_flatten(v, prefix + (i,)))
        return out
    return [(prefix, x)]


def compare_images(actual, expected, max_abs=0, min_psnr=None, *, input=""):
    """Fail unless the images agree (see image_difference); the message says
    how many values differ, where, the largest difference and the PSNR."""
    d = image_difference(actual, expected, max_abs, min_psnr)
    if d:
        text = input or _state.input
        brief = input or _state.brief
        raise CheckFailure(
            f"{brief}: {d}" if brief else d, input=text, expected=show(expected), actual=show(actual)
        )


# ---------------------------------------------------------------- random inputs


class Rand(random.Random):
    """A seeded random generator with helpers for test inputs.

    case is the generator's position in random_cases (0, 1, …): grow input
    sizes with it (rng.randint(1, 2 + 2 * rng.case)) so that the first
    failing input is a small one."""

    def __init__(self, seed=None, case=0):
        super().__init__(seed)
        self.case = case

    def floats(self, n, lo=-10.0, hi=10.0, digits=3):
        """n floats in [lo, hi], rounded to digits decimals (short messages)."""
        return [round(self.uniform(lo, hi), digits) for _ in range(n)]

    def ints(self, n, lo=-100, hi=100):
        """n integers in [lo, hi]."""
        return [self.randint(lo, hi) for _ in range(n)]

    def numpy(self):
        """A numpy Generator seeded from this one."""
        import numpy as np

        return np.random.default_rng(self.getrandbits(64))

    def array(self, shape, dtype="float64", lo=-10.0, hi=10.0):
        """A numpy array of the given shape: uniform floats, or integers in [lo, hi]."""
        import numpy as np

        g = self.numpy()
        if np.dtype(dtype).kind in "iu":
            return g.integers(int(lo), int(hi), size=shape, endpoint=True).astype(dtype)
        return g.uniform(lo, hi, size=shape).astype(dtype)

    def image(self, height, width, channels=3):
        """A random uint8 image (height, width, channels); channels=0 gives (height, width)."""
        shape = (height, width) if channels == 0 else (height, width, channels)
        return self.array(shape, "uint8", 0, 255)


def random_cases(n=20, seed=0):
    """Yield n independent Rand generators, seeded from seed (the same every
    run). Comparisons made inside the loop count as random cases."""
    for i in range(n):
        _state.random_depth += 1
        try:
            yield Rand(seed * 1_000_003 + i, case=i)
        finally:
            _state.random_depth -= 1


# ---------------------------------------------------------------- running a check


class _Capture(io.TextIOBase):
    def __init__(self, keep=KEEP_OUTPUT, limit=OUTPUT_LIMIT):
        self.keep, self.limit = keep, limit
        self.parts, self.kept, self.total = [], 0, 0

    def writable(self):
        return True

    def write(self, s):
        s = str(s)
        self.total += len(s)
        if self.kept < self.keep:
            part = s[: self.keep - self.kept]
            self.parts.append(part)
            self.kept += len(part)
        if self.total > self.limit:
            raise OutputLimitExceeded(
                f"your code printed more than {self.limit} characters; it was stopped"
            )
        return len(s)

    def value(self):
        text = "".join(self.parts)
        if self.total > self.kept:
            text += f"\n… [{self.total - self.kept} more characters not shown]"
        return text


def _seed_all():
    random.seed(0)
    np = sys.modules.get("numpy")
    if np is not None:
        with contextlib.suppress(Exception):
            np.random.seed(0)
    torch = sys.modules.get("torch")
    if torch is not None:
        with contextlib.suppress(Exception):
            torch.manual_seed(0)


def _load(name, source, filename):
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    mod = types.ModuleType(name)
    mod.__file__ = filename
    sys.modules[name] = mod
    code = compile(source, filename, "exec")
    exec(code, mod.__dict__)
    return mod


def _learner_frames(exc):
    return [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == _state.learner_file]


def _learner_traceback(exc):
    """The traceback of exc, keeping only the frames in the learner's file."""
    frames = _learner_frames(exc)
    head = ""
    if frames:
        head = "Traceback (most recent call last):\n" + "".join(traceback.format_list(frames))
    tail = "".join(traceback.format_exception_only(type(exc), exc))
    return _cut(head + tail, 6000)


def _exc_text(e):
    s = str(e)
    return f"{type(e).__name__}: {_cut(s, 500)}" if s else type(e).__name__


def _collect_tests(check, source):
    seen, dups = set(), []
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_"):
            if node.name in seen:
                dups.append(f"{node.name} (line {node.lineno})")
            seen.add(node.name)
    if dups:
        raise _HarnessError("check.py defines these tests twice: " + ", ".join(dups))
    tests = []
    for name, fn in vars(check).items():
        if not name.startswith("test_") or not callable(fn) or getattr(fn, "__module__", None) != check.__name__:
            continue
        code = getattr(fn, "__code__", None)
        params = code.co_varnames[: code.co_argcount] if code else ()
        bad = [p for p in params if p not in TEST_PARAMS]
        if bad:
            raise _HarnessError(
                f"check.py: {name} takes {', '.join(bad)}; a test takes learner and/or ref"
            )
        tests.append((name, fn, params))
    if not tests:
        raise _HarnessError("check.py defines no test_ functions")
    return tests


def _record(name, status, message="", *, input="", expected="", actual="", stdout="", tb="", ms=0.0):
    return {
        "name": name,
        "status": status,
        "message": _cut(message),
        "input": _cut(input),
        "expected": _cut(expected),
        "actual": _cut(actual),
        "stdout": stdout,
        "traceback": tb,
        "duration_ms": round(ms, 1),
    }


def _error_report(exercise, message):
    return _finish(exercise, [], "", error=message, cases={}, ms=0.0)


def _finish(exercise, tests, stdout, *, error="", cases, ms):
    count = {s: sum(1 for t in tests if t["status"] == s) for s in ("pass", "fail", "error", "skip")}
    if error:
        status = "error"
    elif tests and count["pass"] == len(tests):
        status = "pass"
    else:
        status = "fail"
    return {
        "schema": SCHEMA,
        "exercise": exercise,
        "status": status,
        "error": error,
        "stdout": stdout,
        "tests": tests,
        "summary": {
            "total": len(tests),
            "passed": count["pass"],
            "failed": count["fail"],
            "errors": count["error"],
            "skipped": count["skip"],
            "duration_ms": round(ms, 1),
        },
        "cases": cases,
    }


def _outcome(name, e, captured, ms):
    """The record of a test that raised e."""
    out = captured.value()
    if isinstance(e, CheckFailure):
        return _record(name, "fail", e.message, input=e.input, expected=e.expected,
                       actual=e.actual, stdout=out, tb=e.traceback, ms=ms)
    if isinstance(e, OutputLimitExceeded):
        return _record(name, "fail", str(e), input=_state.input, stdout=out,
                       tb=_learner_traceback(e), ms=ms)
    if isinstance(e, LearnerRaised):
        inner = e.exc
        if isinstance(inner, OutputLimitExceeded):
            msg = str(inner)
        elif isinstance(inner, AttributeError) and getattr(inner, "obj", None) is _state.learner:
            msg = f"your file does not define {inner.name}"
        else:
            msg = f"{e.brief} raised {_exc_text(inner)}"
        return _record(name, "error", msg, input=e.input, stdout=out, tb=_learner_traceback(inner), ms=ms)
    if isinstance(e, _ReferenceFailed):
        return _record(name, "error",
                       f"the reference solution raised {_exc_text(e.exc)} on {e.input} "
                       "(a bug in the exercise, not in your code)",
                       input=e.input, stdout=out, tb="".join(traceback.format_exception(e.exc)), ms=ms)
    if isinstance(e, AttributeError) and getattr(e, "obj", None) is _state.learner:
        return _record(name, "fail", f"your file does not define {e.name}", stdout=out, ms=ms)
    if _learner_frames(e):
        return _record(name, "error", f"your code raised {_exc_text(e)}", input=_state.input,
                       stdout=out, tb=_learner_traceback(e), ms=ms)
    return _record(name, "error",
                   f"the checker failed with {_exc_text(e)} (a bug in the exercise, not in your code)",
                   input=_state.input, stdout=out, tb="".join(traceback.format_exception(e)), ms=ms)


def run(
    exercise,
    learner_source,
    check_source,
    solution_source,
    *,
    learner_file="learner.py",
    functions=(),
    requires=(),
    on_event=None,
):
    """Check learner_source and return the report (a dict, schema 1).

    learner_file is the name the learner knows their file by; tracebacks
    show it. on_event, if given, is called with each event dict as the check
    proceeds: {"event": "plan", "tests": [names]}, {"event": "start",
    "test": name} before the learner's code runs ("import" first), and
    {"event": "test", "test": record} after each test."""
    emit = on_event or (lambda ev: None)
    started = time.perf_counter()
    _state.__init__()
    _state.learner_file = learner_file
    for name in (LEARNER_MODULE, SOLUTION_MODULE, CHECK_MODULE):
        sys.modules.pop(name, None)
    sys.modules.setdefault("coursecheck", sys.modules[__name__])
    try:
        for mod in requires:
            try:
                __import__(mod)
            except Exception as e:
                raise _HarnessError(f"this exercise needs {mod}, and importing it failed: {_exc_text(e)}")
        try:
            ref = _load(SOLUTION_MODULE, solution_source, "solution.py")
        except Exception as e:
            raise _HarnessError("solution.py failed to load:\n" + "".join(traceback.format_exception(e)))
        for fn in functions:
            if not callable(getattr(ref, fn, None)):
                raise _HarnessError(f"solution.py does not define {fn}")
        try:
            check = _load(CHECK_MODULE, check_source, "check.py")
        except Exception as e:
            raise _HarnessError("check.py failed to load:\n" + "".join(traceback.format_exception(e)))
        tests = _collect_tests(check, check_source)
    except _HarnessError as e:
        return _error_report(exercise, str(e))

    emit({"event": "plan", "tests": [t[0] for t in tests]})
    emit({"event": "start", "test": IMPORT_TEST})
    captured = _Capture()
    t0 = time.perf_counter()
    load_error = None
    try:
        with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
            _seed_all()
            learner = _load(LEARNER_MODULE, learner_source, learner_file)
    except SyntaxError as e:
        load_error = _record(IMPORT_TEST, "error",
                             f"your file has a syntax error at line {e.lineno}: {e.msg}",
                             stdout=captured.value(), tb=_learner_traceback(e),
                             ms=(time.perf_counter() - t0) * 1000)
    except BaseException as e:
        if isinstance(e, KeyboardInterrupt):
            raise  # the page stopped a runaway file; it reports the timeout
        if isinstance(e, OutputLimitExceeded):
            msg = str(e) + " while your file was loading"
        else:
            msg = f"your file raised {_exc_text(e)} while loading"
        load_error = _record(IMPORT_TEST, "error", msg, stdout=captured.value(),
                             tb=_learner_traceback(e), ms=(time.perf_counter() - t0) * 1000)
    if load_error:
        emit({"event": "test", "test": load_error})
        records = [load_error] + [
            _record(name, "skip", "not run: your file did not load") for name, _, _ in tests
        ]
        return _finish(exercise, records, "", cases={}, ms=(time.perf_counter() - started) * 1000)
    _state.learner = learner
    load_stdout = captured.value()

    args = {"learner": learner, "ref": ref}
    records = []
    for name, fn, params in tests:
        emit({"event": "start", "test": name})
        _state.input = _state.brief = ""
        captured = _Capture()
        t0 = time.perf_counter()
        try:
            with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
                _seed_all()
                fn(*[args[p] for p in params])
            rec = _record(name, "pass", stdout=captured.value(), ms=(time.perf_counter() - t0) * 1000)
        except BaseException as e:
            if isinstance(e, KeyboardInterrupt):
                raise
            rec = _outcome(name, e, captured, (time.perf_counter() - t0) * 1000)
        records.append(rec)
        emit({"event": "test", "test": rec})
    return _finish(exercise, records, load_stdout, cases=_state.cases,
                   ms=(time.perf_counter() - started) * 1000)


def main(argv=None):
    """Command-line entry used by `course check`: prints one JSON event per
    line on stdout (plan, start, test, then {"event": "report", "report": …}).
    The learner's own writes to file descriptor 1 go to stderr instead, so
    stdout carries only the protocol."""
    p = argparse.ArgumentParser(prog="coursecheck")
    p.add_argument("--exercise", required=True)
    p.add_argument("--learner", required=True, help="path of the learner's file")
    p.add_argument("--learner-name", help="the name tracebacks show (default: --learner)")
    p.add_argument("--check", default="check.py")
    p.add_argument("--solution", default="solution.py")
    p.add_argument("--functions", default="")
    p.add_argument("--requires", default="")
    a = p.parse_args(argv)

    proto = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    def emit(ev):
        proto.write(json.dumps(ev, ensure_ascii=False) + "\n")
        proto.flush()

    if sys.version_info < (3, 11):
        emit({"event": "report", "report": _error_report(a.exercise, f"Python 3.11 or later is needed, this is {sys.version.split()[0]}")})
        return 0

    def read(path):
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()

    split = lambda s: [x for x in s.split(",") if x]
    report = run(
        a.exercise,
        read(a.learner),
        read(a.check),
        read(a.solution),
        learner_file=a.learner_name or a.learner,
        functions=split(a.functions),
        requires=split(a.requires),
        on_event=emit,
    )
    emit({"event": "report", "report": report})
    return 0


if __name__ == "__main__":
    sys.modules["coursecheck"] = sys.modules[__name__]
    sys.exit(main())
