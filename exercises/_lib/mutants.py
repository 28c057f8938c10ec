"""mutants: mutation testing of an exercise's checker.

`course test --mutants` runs this file in a temporary folder that holds, as
for a check, check.py, solution.py, the exercise's data files and
_lib/coursecheck.py. It makes small changes to solution.py, one per mutant
(an operator, a comparison, a constant, a slice bound, a call or a statement),
runs each mutant through the checker as if a learner had written it, and
prints one JSON object: which mutants the checker rejected ("killed") and
which it accepted ("survived"). A checker whose task text states a rule
should reject every mutant that breaks that rule; a survivor is either a
missing test or a mutant that behaves exactly like the solution (an
equivalent mutant, which the author marks in equivalent-mutants.txt; the Go
side reads that file).

Mutant ids are "line:col:kind" (col counts from 1), e.g. "12:9:Lt->LtE",
stable as long as the solution's text does not move.

Kinds:
  Add->Sub …        arithmetic operator swaps (also in augmented assignments)
  Lt->LtE …         comparison swaps: the boundary (< and <=) and the negation
  And->Or, Or->And  boolean operator swaps
  drop-not, drop-neg  removing a unary not or minus
  const+1, const-1  a number changed by one; True->False, False->True
  slice.lower+1 …   a slice bound moved by one or removed
  drop-sorted …     a call of sorted, reversed, abs, round, list, tuple, set,
                    int or float replaced by its argument
  min->max, floor->ceil …  a function swapped for its mirror image
  half-up->round    floor(x + 0.5) (halves up) replaced by round(x) (halves to
                    even), and round->half-up the other way
  return-None       a returned value replaced by None
  del-stmt          an expression statement, augmented assignment or raise
                    replaced by pass
  negate-if         the condition of an if (statement or expression) negated
  break->continue   and back

Docstrings, strings, f-strings and the arguments of raise (error messages)
are never mutated: changing a message changes nothing a checker should test.

Each mutant runs in a forked child (POSIX; elsewhere a fresh interpreter per
mutant) with a timeout, at most --jobs at a time: ten times the unchanged
solution's check plus a second (at least 2 s, at most the exercise's
timeout). A mutant that runs past it gets a second run with the exercise's
own timeout; one that runs past that too, or crashes the interpreter, counts
as killed: the learner would see a failed check.
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import os
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import coursecheck  # noqa: E402

BINOPS = {
    ast.Add: [ast.Sub],
    ast.Sub: [ast.Add],
    ast.Mult: [ast.Div],
    ast.Div: [ast.Mult, ast.FloorDiv],
    ast.FloorDiv: [ast.Div, ast.Mult],
    ast.Mod: [ast.FloorDiv],
    ast.Pow: [ast.Mult],
}
CMPOPS = {
    ast.Lt: [ast.LtE, ast.GtE],
    ast.LtE: [ast.Lt, ast.Gt],
    ast.Gt: [ast.GtE, ast.LtE],
    ast.GtE: [ast.Gt, ast.Lt],
    ast.Eq: [ast.NotEq],
    ast.NotEq: [ast.Eq],
    ast.In: [ast.NotIn],
    ast.NotIn: [ast.In],
    ast.Is: [ast.IsNot],
    ast.IsNot: [ast.Is],
}
UNWRAP = {"sorted", "reversed", "abs", "round", "list", "tuple", "set", "int", "float"}
MIRROR = {"min": "max", "max": "min", "floor": "ceil", "ceil": "floor", "any": "all", "all": "any"}
SEGMENT = 80  # characters of code shown per side of a mutant's description


class Mutant:
    """One change to the source: id, where, what it was and what it becomes."""

    def __init__(self, id, line, before, after, source):
        self.id = id
        self.line = line
        self.before = before
        self.after = after
        self.source = source

    def describe(self):
        return f"line {self.line}: {self.before} → {self.after}"


def _short(text):
    text = " ".join(text.split())
    return text if len(text) <= SEGMENT else text[: SEGMENT - 1] + "…"


def _protected(tree):
    """The ids of nodes never to mutate: docstrings, strings, f-strings,
    what raise raises, annotations."""
    skip = set()

    def mark(node):
        for sub in ast.walk(node):
            skip.add(id(sub))

    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                mark(body[0])
        if isinstance(node, ast.JoinedStr):
            mark(node)
        if isinstance(node, ast.Raise):
            if node.exc is not None:
                mark(node.exc)
            if node.cause is not None:
                mark(node.cause)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if node.returns is not None:
                mark(node.returns)
            for a in node.args.args + node.args.kwonlyargs + node.args.posonlyargs:
                if a.annotation is not None:
                    mark(a.annotation)
        if isinstance(node, ast.AnnAssign):
            mark(node.annotation)
        if isinstance(node, ast.Assert):
            mark(node)
    return skip


def _sites(tree):
    """Yield (node index in ast.walk order, kind, apply) for every mutation.

    apply(node, parent_replace) changes a fresh copy of the tree in place;
    parent_replace(new) puts new where node was."""
    skip = _protected(tree)
    for k, node in enumerate(ast.walk(tree)):
        if id(node) in skip:
            continue
        yield from ((k, kind, fn) for kind, fn in _mutations(node))


def _set(attr, value):
    def apply(node, replace):
        setattr(node, attr, value() if callable(value) else value)
    return apply


def _mutations(node):
    if isinstance(node, (ast.BinOp, ast.AugAssign)):
        for new in BINOPS.get(type(node.op), ()):
            yield f"{type(node.op).__name__}->{new.__name__}", _set("op", new)
    if isinstance(node, ast.BoolOp):
        new = ast.Or if isinstance(node.op, ast.And) else ast.And
        yield f"{type(node.op).__name__}->{new.__name__}", _set("op", new)
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            for new in CMPOPS.get(type(op), ()):
                suffix = f"@{i + 1}" if len(node.ops) > 1 else ""

                def apply(n, replace, i=i, new=new):
                    n.ops[i] = new()
                yield f"{type(op).__name__}->{new.__name__}{suffix}", apply
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.USub)):
        kind = "drop-not" if isinstance(node.op, ast.Not) else "drop-neg"
        yield kind, lambda n, replace: replace(n.operand)
    if isinstance(node, ast.Constant):
        v = node.value
        if isinstance(v, bool):
            yield f"{v}->{not v}", _set("value", not v)
        elif isinstance(v, (int, float)) and not isinstance(v, complex):
            yield "const+1", _set("value", v + 1)
            yield "const-1", _set("value", v - 1)
    if isinstance(node, ast.Slice):
        for bound in ("lower", "upper", "step"):
            b = getattr(node, bound)
            if b is None:
                continue
            for sign, op in (("+1", ast.Add), ("-1", ast.Sub)):
                if isinstance(b, ast.Constant):
                    continue  # const±1 covers it

                def apply(n, replace, bound=bound, op=op):
                    setattr(n, bound, ast.BinOp(getattr(n, bound), op(), ast.Constant(1)))
                yield f"slice.{bound}{sign}", apply
            yield f"slice.{bound}-none", _set(bound, None)
    if isinstance(node, ast.Call):
        name = node.func.id if isinstance(node.func, ast.Name) else (
            node.func.attr if isinstance(node.func, ast.Attribute) else None)
        if name in UNWRAP and len(node.args) == 1 and not isinstance(node.args[0], ast.Starred):
            if name == "sorted" or not node.keywords:
                yield f"drop-{name}", lambda n, replace: replace(n.args[0])
        if name == "floor" and len(node.args) == 1 and _plus_half(node.args[0]):
            # floor(x + 0.5), rounding half up, becomes Python's round(x), half to even
            yield "half-up->round", lambda n, replace: replace(
                ast.Call(ast.Name("round", ast.Load()), [n.args[0].left], []))
        if name == "round" and len(node.args) == 1 and not node.keywords:
            yield "round->half-up", lambda n, replace: replace(ast.Call(
                ast.Attribute(ast.Name("math", ast.Load()), "floor", ast.Load()),
                [ast.BinOp(n.args[0], ast.Add(), ast.Constant(0.5))], []))
        if name in MIRROR:
            other = MIRROR[name]
            if isinstance(node.func, ast.Name):
                def apply(n, replace, other=other):
                    n.func.id = other
            else:
                def apply(n, replace, other=other):
                    n.func.attr = other
            yield f"{name}->{other}", apply
    if isinstance(node, ast.Return) and node.value is not None and not (
            isinstance(node.value, ast.Constant) and node.value.value is None):
        yield "return-None", _set("value", lambda: ast.Constant(None))
    if isinstance(node, (ast.AugAssign, ast.Raise)) or (
            isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)):
        yield "del-stmt", lambda n, replace: replace(ast.Pass())
    if isinstance(node, (ast.If, ast.IfExp)):
        yield "negate-if", None  # mutants() wraps the test in not
    if isinstance(node, ast.Break):
        yield "break->continue", lambda n, replace: replace(ast.Continue())
    if isinstance(node, ast.Continue):
        yield "continue->break", lambda n, replace: replace(ast.Break())


def _plus_half(node):
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and \
        isinstance(node.right, ast.Constant) and node.right.value == 0.5


def _replace_in_parent(tree, target, new):
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            if value is target:
                setattr(parent, field, new)
                return
            if isinstance(value, list):
                for i, item in enumerate(value):
                    if item is target:
                        value[i] = new
                        return
    raise ValueError("node not found in its tree")


def mutants(source):
    """Every mutant of source, in source order, without duplicates and
    without mutants whose code equals the original."""
    tree = ast.parse(source)
    original = ast.unparse(tree)
    nodes = list(ast.walk(tree))
    out, seen, ids = [], {original}, set()
    for k, kind, fn in list(_sites(tree)):
        fresh = ast.parse(source)
        target = list(ast.walk(fresh))[k]
        before = ast.get_source_segment(source, nodes[k]) or ast.unparse(nodes[k])
        if kind == "negate-if":
            target.test = ast.UnaryOp(ast.Not(), target.test)
            shown = target.test
            before = ast.get_source_segment(source, nodes[k].test) or ast.unparse(nodes[k].test)
        else:
            box = {}

            def replace(new, target=target, box=box):
                _replace_in_parent(fresh, target, new)
                box["node"] = new
            fn(target, replace)
            shown = box.get("node", target)
        ast.fix_missing_locations(fresh)
        try:
            code = ast.unparse(fresh)
            compile(code, "solution.py", "exec")
        except (SyntaxError, ValueError, TypeError):
            continue
        if code in seen:
            continue
        seen.add(code)
        after = ast.unparse(shown)
        mid = f"{nodes[k].lineno}:{nodes[k].col_offset + 1}:{kind}"
        n = 2
        base = mid
        while mid in ids:
            mid = f"{base}#{n}"
            n += 1
        ids.add(mid)
        out.append(Mutant(mid, nodes[k].lineno, _short(before), _short(after), code))
    out.sort(key=lambda m: _position(m.id))
    return out


def _position(mid):
    line, col, _ = mid.split(":", 2)
    return int(line), int(col)


# ---------------------------------------------------------------- running


class _Failed(BaseException):
    """Stops a check at its first failed test: that decides the mutant."""


def _check(args, source):
    """Run source through the checker up to its first failed test; return
    (status, test, message)."""

    def on_event(ev):
        t = ev.get("test")
        if ev["event"] == "test" and t["status"] != "pass":
            raise _Failed(t["name"], t["message"])

    try:
        report = coursecheck.run(
            args.exercise, source, args.check_source, args.solution_source,
            learner_file="solution.py", functions=args.functions, requires=args.requires,
            on_event=on_event)
    except _Failed as e:
        return "killed", e.args[0], e.args[1]
    if report["status"] == "pass":
        return "survived", "", ""
    if report["status"] == "error":
        return "error", "", report["error"]
    for t in report["tests"]:
        if t["status"] != "pass":
            return "killed", t["name"], t["message"]
    return "killed", "", ""


def _child(args, source, wfd):
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    try:
        result = _check(args, source)
    except BaseException as e:  # noqa: BLE001: anything ends the child
        result = ("killed", "", f"the check raised {type(e).__name__}")
    data = json.dumps(result).encode()
    os.write(wfd, data[:60000])
    os.close(wfd)
    os._exit(0)


def _run_forked(args, sources, timeout, jobs):
    """Run each source in a forked child; return a list of (status, test,
    message, seconds) in the same order."""
    results = [None] * len(sources)
    pending = list(range(len(sources)))
    running = {}  # pid -> (index, read fd, deadline, start)
    while pending or running:
        while pending and len(running) < jobs:
            i = pending.pop(0)
            r, w = os.pipe()
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                os.close(r)
                _child(args, sources[i], w)
            os.close(w)
            now = time.monotonic()
            running[pid] = (i, r, now + timeout, now)
        pid, status = os.waitpid(-1, os.WNOHANG)
        now = time.monotonic()
        if pid == 0:
            for p, (i, r, deadline, start) in list(running.items()):
                if now > deadline:
                    os.kill(p, signal.SIGKILL)
                    os.waitpid(p, 0)
                    os.close(r)
                    del running[p]
                    results[i] = ("timeout", "", f"still running after {timeout:g} s", now - start)
            time.sleep(0.003)
            continue
        if pid not in running:
            continue
        i, r, deadline, start = running.pop(pid)
        chunks = []
        while True:
            b = os.read(r, 65536)
            if not b:
                break
            chunks.append(b)
        os.close(r)
        try:
            status_, test, msg = json.loads(b"".join(chunks).decode())
        except ValueError:
            status_, test, msg = "crashed", "", f"the interpreter ended without a result (wait status {status})"
        results[i] = (status_, test, msg, now - start)
    return results


def _run_spawned(args, sources, timeout, jobs):
    """Where there is no fork: one interpreter per source."""
    import tempfile
    from concurrent.futures import ThreadPoolExecutor

    def one(src):
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False, encoding="utf-8") as f:
            f.write(src)
        start = time.monotonic()
        try:
            cmd = [sys.executable, "-B", os.path.abspath(__file__), "--one", f.name] + args.argv
            p = subprocess.run(cmd, capture_output=True, timeout=timeout, text=True)
            try:
                status, test, msg = json.loads(p.stdout.strip().splitlines()[-1])
            except (ValueError, IndexError):
                status, test, msg = "crashed", "", f"exit status {p.returncode}"
        except subprocess.TimeoutExpired:
            status, test, msg = "timeout", "", f"still running after {timeout:g} s"
        finally:
            os.unlink(f.name)
        return status, test, msg, time.monotonic() - start

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(one, sources))


def run_all(args, sources, timeout, jobs):
    if hasattr(os, "fork"):
        return _run_forked(args, sources, timeout, jobs)
    return _run_spawned(args, sources, timeout, jobs)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    p = argparse.ArgumentParser(prog="mutants")
    p.add_argument("--exercise", required=True)
    p.add_argument("--check", default="check.py")
    p.add_argument("--solution", default="solution.py")
    p.add_argument("--functions", default="")
    p.add_argument("--requires", default="")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--timeout", type=float, default=10.0, help="the exercise's timeout, in seconds")
    p.add_argument("--list", action="store_true", help="only list the mutants")
    p.add_argument("--one", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    args.argv = [a for a in argv if a != "--one"]
    if args.one:
        i = argv.index("--one")
        args.argv = argv[:i] + argv[i + 2:]

    def read(path):
        with open(path, encoding="utf-8") as f:
            return f.read()

    split = lambda s: [x for x in s.split(",") if x]
    args.functions, args.requires = split(args.functions), split(args.requires)
    args.check_source, args.solution_source = read(args.check), read(args.solution)
    if args.one:
        sys.stdout = open(os.devnull, "w")
        result = _check(args, read(args.one))
        os.write(1, (json.dumps(result) + "\n").encode())
        return 0

    out = {"exercise": args.exercise, "error": "", "baseline_ms": 0, "timeout_s": 0, "mutants": []}
    try:
        ms = mutants(args.solution_source)
    except SyntaxError as e:
        out["error"] = f"solution.py does not parse: {e}"
        print(json.dumps(out))
        return 0
    if args.list:
        out["mutants"] = [{"id": m.id, "line": m.line, "before": m.before, "after": m.after} for m in ms]
        print(json.dumps(out, ensure_ascii=False))
        return 0
    for mod in args.requires:
        try:
            __import__(mod)  # once, before forking
        except Exception as e:  # noqa: BLE001
            out["error"] = f"this exercise needs {mod}, and importing it failed: {e}"
            print(json.dumps(out))
            return 0
    start = time.monotonic()
    [(status, test, msg, secs)] = run_all(args, [args.solution_source], args.timeout, 1)
    out["baseline_ms"] = round(secs * 1000, 1)
    if status != "survived":
        out["error"] = f"the unchanged solution does not pass its checker ({status}: {test} {msg})".strip()
        print(json.dumps(out, ensure_ascii=False))
        return 0
    # A mutant may make the check slower (a loop that runs longer); far slower
    # than the solution counts as a timeout, which the learner would see too.
    timeout = min(args.timeout, max(2.0, 10 * secs + 1.0))
    out["timeout_s"] = round(timeout, 2)
    results = run_all(args, [m.source for m in ms], timeout, max(1, args.jobs))
    # A busy machine can make a sound mutant look slow: give each timeout a
    # second run with the exercise's own timeout before it counts as killed.
    slow = [i for i, r in enumerate(results) if r[0] == "timeout"]
    if slow and args.timeout > timeout:
        again = run_all(args, [ms[i].source for i in slow], args.timeout, max(1, args.jobs))
        for i, r in zip(slow, again):
            results[i] = r
    for m, (status, test, msg, secs) in zip(ms, results):
        out["mutants"].append({
            "id": m.id, "line": m.line, "before": m.before, "after": m.after,
            "status": status, "test": test, "message": coursecheck._cut(msg, 300),
            "ms": round(secs * 1000, 1),
        })
    out["ms"] = round((time.monotonic() - start) * 1000, 1)
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
