# Runs a notebook's code cells in order in this one process, as a kernel
# would, and reports what each printed. Given to Python by
# build.notebookBlock, which appends main("<cells as JSON>").
import ast
import io
import json
import os
import sys
import traceback

MARK = "\x00course-notebook-results\x00"


def _strip_magics(src):
    # IPython's %magics and !shell lines are not Python: they are skipped.
    out = []
    for line in src.split("\n"):
        s = line.lstrip()
        if s.startswith(("%", "!")):
            line = line[: len(line) - len(s)] + "pass"
        out.append(line)
    return "\n".join(out)


def _run_cell(cell, g):
    name = "cell %d" % cell["n"]
    src = _strip_magics(cell["code"])
    tree = ast.parse(src, filename=name)
    last = None
    # The value of a last expression is shown, as Jupyter shows it, unless
    # a semicolon ends the cell.
    if tree.body and isinstance(tree.body[-1], ast.Expr) and not src.rstrip().endswith(";"):
        last = ast.Expression(tree.body.pop().value)
    exec(compile(tree, name, "exec"), g)
    if last is not None:
        value = eval(compile(last, name, "eval"), g)
        if value is not None:
            print(repr(value))


def main(cells_json):
    cells = json.loads(cells_json)
    os.environ.setdefault("MPLBACKEND", "Agg")
    g = {"__name__": "__main__", "display": lambda *a, **k: None}
    real = sys.stdout
    results = []
    for cell in cells:
        buf = io.StringIO()
        sys.stdout = buf
        error, tb = None, ""
        try:
            _run_cell(cell, g)
        except BaseException as e:  # SystemExit and KeyboardInterrupt too
            error = "%s: %s" % (type(e).__name__, e)
            # The traceback from the cell's own frames on, as Jupyter shows it.
            t = e.__traceback__
            while t is not None and not t.tb_frame.f_code.co_filename.startswith("cell "):
                t = t.tb_next
            tb = "".join(traceback.format_exception(type(e), e, t or e.__traceback__))
        finally:
            sys.stdout = real
        results.append({"n": cell["n"], "out": buf.getvalue(), "error": error, "tb": tb})
        if error is not None and cell["error"] is None:
            break  # an error the notebook did not store: later cells would fail too
    real.flush()
    real.write("\n" + MARK + json.dumps(results) + "\n")
    real.flush()
