"""Tests of coursecheck (standard library unittest; numpy and torch cases
skip when those are missing). Run from the repository root:

    python3 -m unittest discover -s exercises/_lib -v

internal/exercise's Go tests run this with every Python they find.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import coursecheck as cc  # noqa: E402

try:
    import numpy as np
except ImportError:  # the library must work without numpy
    np = None

SCHEMA = json.load(open(os.path.join(HERE, "report.schema.json"), encoding="utf-8"))


def validate(value, schema, root=SCHEMA, path="$"):
    """A validator for the subset of JSON Schema 2020-12 report.schema.json
    uses; an unknown keyword is an error so that the subset stays honest."""
    known = {"$schema", "$id", "$defs", "title", "description", "type", "const", "enum",
             "required", "properties", "additionalProperties", "items", "$ref", "minimum", "pattern"}
    unknown = set(schema) - known
    if unknown:
        raise AssertionError(f"validator does not support {sorted(unknown)}")
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        validate(value, root["$defs"][name], root, path)
    types = {"object": dict, "array": list, "string": str, "integer": int, "number": (int, float)}
    if "type" in schema:
        t = schema["type"]
        ok = isinstance(value, types[t]) and not isinstance(value, bool)
        if not ok:
            raise AssertionError(f"{path}: expected {t}, got {type(value).__name__}")
    if "const" in schema and value != schema["const"]:
        raise AssertionError(f"{path}: expected {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        raise AssertionError(f"{path}: {value!r} not in {schema['enum']}")
    if "minimum" in schema and value < schema["minimum"]:
        raise AssertionError(f"{path}: {value} < {schema['minimum']}")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        raise AssertionError(f"{path}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        for k in schema.get("required", []):
            if k not in value:
                raise AssertionError(f"{path}: missing {k}")
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for k, v in value.items():
            if k in props:
                validate(v, props[k], root, f"{path}.{k}")
            elif extra is False:
                raise AssertionError(f"{path}: unexpected key {k}")
            elif isinstance(extra, dict):
                validate(v, extra, root, f"{path}.{k}")
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            validate(v, schema["items"], root, f"{path}[{i}]")


SOLUTION = textwrap.dedent('''
    def double(xs):
        return [2 * x for x in xs]
''')

CHECK = textwrap.dedent('''
    import coursecheck as cc

    def test_double_matches_the_reference_on_edge_cases(learner, ref):
        for xs in ([], [0], [1, -1], [0.5]):
            cc.compare(learner.double, ref.double, xs)

    def test_double_matches_the_reference_on_random_lists(learner, ref):
        for rng in cc.random_cases(20, seed=3):
            cc.compare(learner.double, ref.double, rng.floats(rng.randint(0, 5)))

    def test_double_returns_a_list(learner):
        got = cc.call(learner.double, [1])
        cc.expect(isinstance(got, list), "double should return a list", actual=cc.show(got))
''')


def check(learner, check=CHECK, solution=SOLUTION, **kw):
    report = cc.run("demo/double", textwrap.dedent(learner), check, solution,
                    learner_file="workspace/demo/double.py", functions=["double"], **kw)
    validate(report, SCHEMA)
    return report


def by_name(report):
    return {t["name"]: t for t in report["tests"]}


class DescribeDifference(unittest.TestCase):
    def test_numbers_within_tolerance_are_equal(self):
        self.assertIsNone(cc.describe_difference(1.0 + 1e-12, 1.0))
        self.assertIsNone(cc.describe_difference(1, 1.0))
        self.assertIsNone(cc.describe_difference(float("nan"), float("nan")))
        self.assertIsNone(cc.describe_difference(1.05, 1.0, rtol=0.1))
        self.assertIsNone(cc.describe_difference(1e-13, 0.0))

    def test_numbers_outside_tolerance_name_both_values(self):
        self.assertEqual(cc.describe_difference(2.5, 2.0), "expected 2.0, got 2.5")
        self.assertIn("expected inf", cc.describe_difference(1e308, float("inf")))

    def test_types_must_match(self):
        self.assertIn("expected a number", cc.describe_difference("1.0", 1.0))
        self.assertIn("expected a number", cc.describe_difference(True, 1))
        self.assertIn("expected a bool", cc.describe_difference(1, True))
        self.assertIn("expected a list", cc.describe_difference(3, [3]))

    def test_nested_lists_name_the_path(self):
        d = cc.describe_difference([[1, 2], [3, 4]], [[1, 2], [3, 5]])
        self.assertEqual(d, "at [1][1]: expected 5, got 4")
        self.assertEqual(cc.describe_difference([1, 2], [1, 2, 3]), "expected 3 items, got 2")
        self.assertIsNone(cc.describe_difference((1, 2), [1, 2]))

    def test_dicts_compare_keys_then_values(self):
        self.assertIn("missing 'b'", cc.describe_difference({"a": 1}, {"a": 1, "b": 2}))
        self.assertEqual(cc.describe_difference({"a": 1}, {"a": 2}), "at ['a']: expected 2, got 1")

    def test_approx_equal(self):
        self.assertTrue(cc.approx_equal([0.1 + 0.2], [0.3]))
        self.assertFalse(cc.approx_equal([0.1], [0.3], atol=0.1))
        self.assertTrue(cc.approx_equal([0.1], [0.3], atol=0.2))

    @unittest.skipIf(np is None, "numpy is not installed")
    def test_arrays_need_equal_shape_and_dtype(self):
        a = np.zeros((2, 3), dtype=np.float32)
        self.assertIn("expected shape (3, 2)", cc.describe_difference(a, np.zeros((3, 2), np.float32)))
        self.assertIn("expected dtype float64, got float32", cc.describe_difference(a, np.zeros((2, 3))))
        self.assertIn("expected a numpy array, got list", cc.describe_difference([0.0], np.zeros(1)))
        b = a.copy()
        b[1, 2] = 1
        self.assertEqual(cc.describe_difference(b, a),
                         "1 of 6 elements differ; first at [1, 2]: expected 0.0, got 1.0")
        self.assertIsNone(cc.describe_difference(a + 1e-12, a))

    @unittest.skipIf(np is None, "numpy is not installed")
    def test_integer_arrays_honour_atol(self):
        a = np.array([10, 20], dtype=np.uint8)
        self.assertIsNone(cc.describe_difference(np.array([11, 20], np.uint8), a, atol=1))
        self.assertIn("1 of 2", cc.describe_difference(np.array([12, 20], np.uint8), a, atol=1))


try:
    import torch
except ImportError:
    torch = None


@unittest.skipIf(torch is None or np is None, "torch is not installed")
class DescribeTensorDifference(unittest.TestCase):
    """Tensors compare at once, with the answer of the element-wise walk."""

    def cases(self):
        inf, nan = float("inf"), float("nan")
        f32 = torch.float32
        return [
            ("equal", torch.tensor([[1.0, 2.0], [3.0, 4.0]]), torch.tensor([[1.0, 2.0], [3.0, 4.0]]), 1e-9, 1e-12),
            ("inside rtol", torch.tensor([1.0 + 1e-10], dtype=torch.float64), torch.tensor([1.0], dtype=torch.float64), 1e-9, 0),
            ("just outside rtol", torch.tensor([1.0 + 3e-9], dtype=torch.float64), torch.tensor([1.0], dtype=torch.float64), 1e-9, 0),
            ("float32 rounding against a float64 bound", torch.tensor([0.1], dtype=f32), torch.tensor([0.1000001], dtype=f32), 1e-7, 0),
            ("nan equals nan", torch.tensor([nan, 1.0]), torch.tensor([nan, 1.0]), 0, 0),
            ("nan against a number", torch.tensor([nan]), torch.tensor([1.0]), 1, 1),
            ("a number against nan", torch.tensor([1.0]), torch.tensor([nan]), 1, 1),
            ("inf equals inf", torch.tensor([inf, -inf]), torch.tensor([inf, -inf]), 0, 0),
            ("inf against -inf", torch.tensor([inf]), torch.tensor([-inf]), 1, 1),
            ("inf against a large number", torch.tensor([inf]), torch.tensor([3e38]), 1, 1),
            ("ints within atol", torch.tensor([5, 7]), torch.tensor([5, 8]), 0, 1),
            ("ints outside atol", torch.tensor([5, 7]), torch.tensor([5, 9]), 0, 1),
            ("large int64 beyond float precision", torch.tensor([2**62 + 1]), torch.tensor([2**62]), 0, 0),
            ("bools equal", torch.tensor([True, False]), torch.tensor([True, False]), 0, 0),
            ("bools differ", torch.tensor([True, True]), torch.tensor([True, False]), 0, 0),
            ("uint8 pixels", torch.tensor([[0, 255]], dtype=torch.uint8), torch.tensor([[0, 254]], dtype=torch.uint8), 0, 0),
            ("empty", torch.zeros(0, 3), torch.zeros(0, 3), 0, 0),
            ("a scalar tensor", torch.tensor(2.5), torch.tensor(2.5000001), 0, 0),
            ("a zero bound and signed zeros", torch.tensor([-0.0]), torch.tensor([0.0]), 0, 0),
        ]

    def test_tensors_agree_with_their_lists(self):
        for name, a, e, rtol, atol in self.cases():
            with self.subTest(name):
                want = cc.describe_difference(a.tolist(), e.tolist(), rtol, atol)
                self.assertEqual(cc.describe_difference(a, e, rtol, atol), want)

    def test_the_first_difference_is_named(self):
        a, e = torch.zeros(3, 4), torch.zeros(3, 4)
        a[1, 2] = 0.5
        self.assertEqual(cc.describe_difference(a, e), "at [1][2]: expected 0.0, got 0.5")

    def test_a_large_equal_tensor_is_not_walked(self):
        a = torch.rand(3, 224, 224)
        walked = []
        saved = cc._close
        cc._close = lambda *args: walked.append(1) or saved(*args)
        try:
            self.assertIsNone(cc.describe_difference(a, a.clone()))
        finally:
            cc._close = saved
        self.assertEqual(walked, [])


class Helpers(unittest.TestCase):
    def test_expect_raises_accepts_the_right_exception(self):
        e = cc.expect_raises(ValueError, int, "x")
        self.assertIsInstance(e, ValueError)

    def test_expect_raises_reports_a_returned_value(self):
        with self.assertRaises(cc.CheckFailure) as ctx:
            cc.expect_raises(ValueError, abs, -2)
        self.assertEqual(ctx.exception.message, "abs(-2) returned 2; it should raise ValueError")
        self.assertEqual(ctx.exception.input, "abs(-2)")

    def test_expect_raises_reports_a_wrong_exception(self):
        with self.assertRaises(cc.CheckFailure) as ctx:
            cc.expect_raises(ValueError, len, 5)
        self.assertIn("raised TypeError", ctx.exception.message)
        self.assertIn("it should raise ValueError", ctx.exception.message)

    def test_check_gradient_accepts_a_correct_gradient(self):
        cc.check_gradient(lambda x: x[0] ** 2 + 3 * x[1], lambda x: [2 * x[0], 3.0], [1.5, -2.0])

    def test_check_gradient_names_the_wrong_partial_derivative(self):
        with self.assertRaises(cc.CheckFailure) as ctx:
            cc.check_gradient(lambda x: x[0] ** 2 + 3 * x[1], lambda x: [2 * x[0], 1.0], [1.5, -2.0])
        self.assertIn("x[1] is 1.0", ctx.exception.message)
        self.assertIn("finite differences", ctx.exception.message)

    @unittest.skipIf(np is None, "numpy is not installed")
    def test_check_gradient_takes_numpy_vectors(self):
        cc.check_gradient(lambda x: float((x ** 2).sum()), lambda x: 2 * x, np.array([1.0, 2.0, 3.0]))

    def test_compare_images_on_nested_lists(self):
        a = [[0, 0, 0], [0, 0, 0]]
        cc.compare_images([[0, 0, 0], [0, 0, 0]], a)
        with self.assertRaises(cc.CheckFailure) as ctx:
            cc.compare_images([[0, 0, 0], [0, 9, 0]], a, max_abs=1)
        msg = ctx.exception.message
        self.assertIn("1 of 6 values differ by more than 1", msg)
        self.assertIn("largest difference is 9 at row 1, column 1: expected 0, got 9", msg)
        self.assertIn("(in row 1, column 1)", msg)

    @unittest.skipIf(np is None, "numpy is not installed")
    def test_compare_images_reports_where_and_psnr(self):
        a = np.zeros((8, 8, 3), np.uint8)
        b = a.copy()
        b[2:4, 5:7, 1] = 40
        self.assertIsNone(cc.image_difference(a, a, 0, 40))
        d = cc.image_difference(b, a, max_abs=2, min_psnr=40)
        self.assertIn("4 of 192 values differ by more than 2 (in rows 2-3, columns 5-6)", d)
        self.assertIn("largest difference is 40 at row 2, column 5, channel 1: expected 0, got 40", d)
        self.assertIn("(at least 40 dB needed)", d)
        self.assertIn("expected dtype uint8, got float64", cc.image_difference(b.astype(float), a))
        noisy = a.copy()
        noisy[::2, ::2] = 1
        self.assertIsNone(cc.image_difference(noisy, a, max_abs=1))
        self.assertIn("PSNR 54.2 dB (at least 60 dB needed)", cc.image_difference(noisy, a, max_abs=1, min_psnr=60))

    def test_random_cases_are_seeded_and_counted(self):
        first = [r.floats(3) for r in cc.random_cases(5, seed=7)]
        again = [r.floats(3) for r in cc.random_cases(5, seed=7)]
        self.assertEqual(first, again)
        self.assertNotEqual(first[0], first[1])
        self.assertEqual([r.case for r in cc.random_cases(3)], [0, 1, 2])
        cc._state.__init__()
        for r in cc.random_cases(4):
            cc.compare(abs, abs, r.randint(-5, 5))
        cc.compare(abs, abs, -1)
        self.assertEqual(cc._state.cases, {"abs": {"edge": 1, "random": 4}})

    def test_compare_catches_a_function_that_changes_its_input(self):
        def bad(xs):
            xs.append(1)
            return len(xs) - 1

        with self.assertRaises(cc.CheckFailure) as ctx:
            cc.compare(bad, len, [1, 2])
        self.assertIn("changed its argument 1", ctx.exception.message)

    def test_compare_takes_another_notion_of_agreement(self):
        near = lambda a, e: None if abs(a - e) <= 1 else f"{a} is far from {e}"
        cc.compare(lambda x: x + 1, lambda x: x, 5, differ=near)
        with self.assertRaises(cc.CheckFailure) as ctx:
            cc.compare(lambda x: x + 2, lambda x: x, 5, differ=near)
        self.assertEqual(ctx.exception.message, "<lambda>(5): 7 is far from 5")

    def test_show_cuts_long_values(self):
        text = cc.show(list(range(10000)), limit=50)
        self.assertTrue(text.startswith("[0, 1, 2"))
        self.assertIn("more characters]", text)


class Run(unittest.TestCase):
    def test_a_correct_answer_passes_every_test(self):
        r = check(SOLUTION)
        self.assertEqual(r["status"], "pass", r)
        self.assertEqual(r["schema"], 1)
        self.assertEqual([t["name"] for t in r["tests"]], [
            "test_double_matches_the_reference_on_edge_cases",
            "test_double_matches_the_reference_on_random_lists",
            "test_double_returns_a_list",
        ])
        self.assertEqual(r["summary"]["passed"], 3)
        self.assertEqual(r["cases"], {"double": {"edge": 4, "random": 20}})

    def test_a_wrong_value_fails_with_input_expected_and_actual(self):
        r = check("def double(xs):\n    return [x + x + 1 for x in xs]\n")
        self.assertEqual(r["status"], "fail")
        t = by_name(r)["test_double_matches_the_reference_on_edge_cases"]
        self.assertEqual(t["status"], "fail")
        self.assertEqual(t["input"], "double([0])")
        self.assertEqual(t["expected"], "[0]")
        self.assertEqual(t["actual"], "[1]")
        self.assertEqual(t["message"], "double([0]): at [0]: expected 0, got 1")

    def test_an_exception_gives_the_learners_traceback_only(self):
        r = check("def double(xs):\n    return helper(xs)\n\ndef helper(xs):\n    return xs[0] * 2\n")
        t = by_name(r)["test_double_matches_the_reference_on_edge_cases"]
        self.assertEqual(t["status"], "error")
        self.assertEqual(t["message"], "double([]) raised IndexError: list index out of range")
        self.assertIn('File "workspace/demo/double.py", line 2, in double', t["traceback"])
        self.assertIn('File "workspace/demo/double.py", line 5, in helper', t["traceback"])
        self.assertIn("return xs[0] * 2", t["traceback"])
        self.assertNotIn("coursecheck", t["traceback"])
        self.assertNotIn("check.py", t["traceback"])

    def test_stdout_is_captured_per_test(self):
        r = check("print('loading')\ndef double(xs):\n    print('called with', xs)\n    return [2 * x for x in xs]\n")
        self.assertEqual(r["stdout"], "loading\n")
        self.assertEqual(by_name(r)["test_double_returns_a_list"]["stdout"], "called with [1]\n")

    def test_a_syntax_error_fails_the_import_and_skips_the_rest(self):
        r = check("def double(xs:\n    return xs\n")
        self.assertEqual(r["status"], "fail")
        first = r["tests"][0]
        self.assertEqual(first["name"], "import")
        self.assertEqual(first["status"], "error")
        self.assertIn("syntax error at line 1", first["message"])
        self.assertIn('File "workspace/demo/double.py", line 1', first["traceback"])
        self.assertEqual([t["status"] for t in r["tests"][1:]], ["skip"] * 3)
        self.assertEqual(r["summary"], dict(r["summary"], total=4, errors=1, skipped=3))

    def test_an_exception_on_import_fails_the_import(self):
        r = check("import not_a_module_anywhere\n")
        self.assertEqual(r["tests"][0]["message"],
                         "your file raised ModuleNotFoundError: No module named 'not_a_module_anywhere' while loading")

    def test_exit_on_import_fails_the_import(self):
        r = check("raise SystemExit(3)\n")
        self.assertEqual(r["status"], "fail")
        self.assertIn("SystemExit: 3", r["tests"][0]["message"])

    def test_a_missing_function_is_named(self):
        r = check("def triple(xs):\n    return xs\n")
        t = by_name(r)["test_double_matches_the_reference_on_edge_cases"]
        self.assertEqual(t["status"], "fail")
        self.assertEqual(t["message"], "your file does not define double")

    def test_too_much_output_stops_the_test(self):
        r = check("def double(xs):\n    while True:\n        print('spam' * 1000)\n")
        t = by_name(r)["test_double_returns_a_list"]
        self.assertEqual(t["status"], "fail")
        self.assertIn("printed more than", t["message"])
        self.assertIn("more characters not shown", t["stdout"])
        self.assertLess(len(t["stdout"]), cc.KEEP_OUTPUT + 100)

    def test_catching_everything_does_not_hide_the_output_limit(self):
        r = check("def double(xs):\n    while True:\n        try:\n            print('x' * 10000)\n        except Exception:\n            pass\n")
        self.assertIn("printed more than", by_name(r)["test_double_returns_a_list"]["message"])

    def test_events_announce_each_test_before_it_runs(self):
        events = []
        check(SOLUTION, on_event=events.append)
        kinds = [(e["event"], e.get("test") if e["event"] == "start" else None) for e in events]
        self.assertEqual(kinds[0], ("plan", None))
        self.assertEqual(kinds[1], ("start", "import"))
        self.assertEqual(kinds[2], ("start", "test_double_matches_the_reference_on_edge_cases"))
        self.assertEqual(kinds[3], ("test", None))
        self.assertEqual(len(events), 2 + 2 * 3)

    def test_a_reference_that_raises_is_a_bug_in_the_exercise(self):
        r = check(SOLUTION, solution="def double(xs):\n    return xs[0]\n")
        t = by_name(r)["test_double_matches_the_reference_on_edge_cases"]
        self.assertEqual(t["status"], "error")
        self.assertIn("the reference solution raised IndexError", t["message"])
        self.assertIn("not in your code", t["message"])

    def test_a_broken_check_is_an_error_report(self):
        for check_src, want in [
            ("def test_a(learner):\n    pass\ndef test_a(learner):\n    pass\n", "defines these tests twice: test_a (line 3)"),
            ("def test_a(student):\n    pass\n", "test_a takes student"),
            ("x = 1\n", "defines no test_ functions"),
            ("import nope_nope\n", "check.py failed to load"),
        ]:
            r = check(SOLUTION, check=check_src)
            self.assertEqual(r["status"], "error", check_src)
            self.assertIn(want, r["error"])
            self.assertEqual(r["tests"], [])

    def test_a_missing_requirement_is_an_error_report(self):
        r = check(SOLUTION, requires=["nope_nope"])
        self.assertEqual(r["status"], "error")
        self.assertIn("this exercise needs nope_nope", r["error"])

    def test_a_solution_without_the_functions_is_an_error_report(self):
        r = check(SOLUTION, solution="def other():\n    pass\n")
        self.assertIn("solution.py does not define double", r["error"])


class Main(unittest.TestCase):
    def test_main_prints_only_protocol_lines_on_stdout(self):
        with tempfile.TemporaryDirectory() as d:
            for name, text in [("check.py", CHECK), ("solution.py", SOLUTION),
                               ("learner.py", "import os\nos.write(1, b'raw fd write\\n')\nprint('hi')\n" + SOLUTION)]:
                with open(os.path.join(d, name), "w") as f:
                    f.write(text)
            env = dict(os.environ, PYTHONPATH=HERE)
            p = subprocess.run(
                [sys.executable, "-c", "import sys, coursecheck; sys.exit(coursecheck.main())",
                 "--exercise", "demo/double", "--learner", "learner.py", "--functions", "double"],
                cwd=d, env=env, capture_output=True, text=True, timeout=60)
            self.assertEqual(p.returncode, 0, p.stderr)
            events = [json.loads(line) for line in p.stdout.splitlines()]
            self.assertEqual(events[-1]["event"], "report")
            report = events[-1]["report"]
            validate(report, SCHEMA)
            self.assertEqual(report["status"], "pass")
            self.assertEqual(report["stdout"], "hi\n")
            self.assertIn("raw fd write", p.stderr)


if __name__ == "__main__":
    unittest.main()
