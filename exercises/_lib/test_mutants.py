"""Tests of mutants.py, the mutation tester behind `course test --mutants`
(standard library unittest). Run from the repository root:

    python3 -m unittest discover -s exercises/_lib -v
"""

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import mutants  # noqa: E402


def changes(source):
    """{id: (before, after)} of every mutant of source."""
    return {m.id: (m.before, m.after) for m in mutants.mutants(textwrap.dedent(source))}


class MutatorTest(unittest.TestCase):
    def test_each_kind_of_change(self):
        cases = [
            # (source, id, before, after)
            ("def f(a, b):\n    return a + b\n", "2:12:Add->Sub", "a + b", "a - b"),
            ("def f(a, b):\n    return a / b\n", "2:12:Div->FloorDiv", "a / b", "a // b"),
            ("def f(a):\n    return a ** 2\n", "2:12:Pow->Mult", "a ** 2", "a * 2"),
            ("def f(a, b):\n    a += b\n    return a\n", "2:5:Add->Sub", "a += b", "a -= b"),
            ("def f(a, b):\n    return a < b\n", "2:12:Lt->LtE", "a < b", "a <= b"),
            ("def f(a, b):\n    return a < b\n", "2:12:Lt->GtE", "a < b", "a >= b"),
            ("def f(a):\n    return 0 < a < 1\n", "2:12:Lt->LtE@2", "0 < a < 1", "0 < a <= 1"),
            ("def f(a, b):\n    return a == b\n", "2:12:Eq->NotEq", "a == b", "a != b"),
            ("def f(a):\n    return a is None\n", "2:12:Is->IsNot", "a is None", "a is not None"),
            ("def f(a, b):\n    return a in b\n", "2:12:In->NotIn", "a in b", "a not in b"),
            ("def f(a, b):\n    return a and b\n", "2:12:And->Or", "a and b", "a or b"),
            ("def f(a):\n    return not a\n", "2:12:drop-not", "not a", "a"),
            ("def f(a):\n    return -a\n", "2:12:drop-neg", "-a", "a"),
            ("def f():\n    return 0\n", "2:12:const+1", "0", "1"),
            ("def f():\n    return 0\n", "2:12:const-1", "0", "-1"),
            ("def f():\n    return 0.5\n", "2:12:const+1", "0.5", "1.5"),
            ("def f():\n    return True\n", "2:12:True->False", "True", "False"),
            ("def f(x, k):\n    return x[:k]\n", "2:14:slice.upper+1", ":k", ":k + 1"),
            ("def f(x, k):\n    return x[k:]\n", "2:14:slice.lower-none", "k:", ":"),
            ("def f(x):\n    return sorted(x, key=abs)\n", "2:12:drop-sorted", "sorted(x, key=abs)", "x"),
            ("def f(x):\n    return round(x)\n", "2:12:drop-round", "round(x)", "x"),
            ("def f(x):\n    return min(x)\n", "2:12:min->max", "min(x)", "max(x)"),
            ("import math\ndef f(x):\n    return math.floor(x)\n", "3:12:floor->ceil", "math.floor(x)", "math.ceil(x)"),
            ("import math\ndef f(x):\n    return math.floor(x * 2 + 0.5)\n", "3:12:half-up->round",
             "math.floor(x * 2 + 0.5)", "round(x * 2)"),
            ("def f(x):\n    return round(x)\n", "2:12:round->half-up", "round(x)", "math.floor(x + 0.5)"),
            ("def f(x):\n    return x\n", "2:5:return-None", "return x", "return None"),
            ("def f(x):\n    x.sort()\n    return x\n", "2:5:del-stmt", "x.sort()", "pass"),
            ("def f(x):\n    if x:\n        return 1\n    return 2\n", "2:5:negate-if", "x", "not x"),
            ("def f(x):\n    return 1 if x else 2\n", "2:12:negate-if", "x", "not x"),
            ("def f(x):\n    for i in x:\n        break\n", "3:9:break->continue", "break", "continue"),
            ("def f(x):\n    if x:\n        raise ValueError('no')\n", "3:9:del-stmt", "raise ValueError('no')", "pass"),
        ]
        for source, mid, before, after in cases:
            with self.subTest(id=mid, source=source):
                got = changes(source)
                self.assertIn(mid, got, f"mutants: {sorted(got)}")
                self.assertEqual(got[mid][0], before)
                self.assertEqual(got[mid][1].replace("(", "").replace(")", ""),
                                 after.replace("(", "").replace(")", ""))

    def test_leaves_docstrings_messages_and_annotations_alone(self):
        got = changes('''
            """Module doc: 1 + 2."""


            def f(x: int = 3) -> int:
                """Doc 0 < 1."""
                if x:
                    raise ValueError(f"x = {x + 1} is not allowed")
                return x
        ''')
        for mid, (before, after) in got.items():
            self.assertNotIn("Doc", before)
            if not mid.endswith("del-stmt"):
                self.assertNotIn("{x + 1}", before, mid)
            self.assertNotIn("int", before, mid)
        self.assertIn("8:9:del-stmt", got)  # the raise itself can go
        self.assertIn("5:16:const+1", got)  # the default value is code

    def test_every_mutant_compiles_differs_and_has_a_unique_id(self):
        source = textwrap.dedent("""
            import math

            def split(n, fractions, seed=0):
                exact = [f * n for f in fractions]
                sizes = [math.floor(x) for x in exact]
                left = n - sum(sizes)
                order = sorted(range(3), key=lambda i: -(exact[i] - sizes[i]))
                for i in order[:left]:
                    sizes[i] += 1
                if not 0 <= seed < 2 ** 32 or left > 3:
                    raise ValueError("bad")
                while left:
                    left -= 1
                    if left % 2 == 0:
                        continue
                    break
                return sizes[0:2], min(sizes), -abs(left) if seed else None
        """)
        ms = mutants.mutants(source)
        self.assertGreaterEqual(len(ms), 60)
        self.assertEqual(len({m.id for m in ms}), len(ms))
        self.assertEqual(len({m.source for m in ms}), len(ms))
        for m in ms:
            compile(m.source, "m.py", "exec")
        positions = [mutants._position(m.id) for m in ms]
        self.assertEqual(positions, sorted(positions))

    def test_ids_are_stable(self):
        src = "def f(a, b):\n    return a + b * 2\n"
        self.assertEqual([m.id for m in mutants.mutants(src)], [m.id for m in mutants.mutants(src)])


CHECK = '''
import coursecheck as cc

def test_add(learner, ref):
    for a, b in [(1, 2), (0, 0), (-3, 5)]:
        cc.compare(learner.add, ref.add, a, b)

def test_one_and_two_make_three(learner):
    cc.expect(learner.add(1, 2) == 3, "add(1, 2) should be 3")
'''

SOLUTION = '''
def add(a, b):
    if a == 12345:
        while True:
            pass
    return a + b
'''


class RunnerTest(unittest.TestCase):
    def run_mutants(self, solution):
        with tempfile.TemporaryDirectory() as d:
            for name, text in (("check.py", CHECK), ("solution.py", solution)):
                with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                    f.write(text)
            p = subprocess.run(
                [sys.executable, "-B", os.path.join(HERE, "mutants.py"), "--exercise", "t/add",
                 "--functions", "add", "--jobs", "2", "--timeout", "5"],
                cwd=d, capture_output=True, text=True, timeout=120)
            self.assertEqual(p.returncode, 0, p.stderr)
            return json.loads(p.stdout)

    def test_kills_survives_and_times_out(self):
        out = self.run_mutants(SOLUTION)
        self.assertEqual(out["error"], "")
        by_id = {m["id"]: m for m in out["mutants"]}
        self.assertEqual(by_id["6:12:Add->Sub"]["status"], "killed")
        self.assertEqual(by_id["6:12:Add->Sub"]["test"], "test_add")
        # a == 12345 never happens in the checker's inputs: nobody can tell.
        self.assertEqual(by_id["3:13:const+1"]["status"], "survived")
        # `if not a == 12345` loops forever on the checker's inputs.
        self.assertEqual(by_id["3:5:negate-if"]["status"], "timeout")

    def test_a_solution_that_fails_its_checker_is_an_error(self):
        out = self.run_mutants("def add(a, b):\n    return a - b\n")
        self.assertIn("does not pass its checker", out["error"])
        self.assertEqual(out["mutants"], [])


if __name__ == "__main__":
    unittest.main()
