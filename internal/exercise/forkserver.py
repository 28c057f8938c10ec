"""The fork server of `course test` (see forks_linux.go).

Started as: python -B -X utf8 -c <this file> SOCKET MODULES [OPTIONAL]

It imports MODULES (comma-separated: an exercise's `requires`, such as
torch) once, and OPTIONAL (modules its checker imports, such as cv2) if
they import, writes "ready" on stdout, and then serves one check per
connection on the Unix socket SOCKET. A request is one JSON line, sent with
three file descriptors (stdin, stdout, stderr of the check):

    {"dir": "/tmp/course-check-…", "argv": ["-c", "…"], "code": "…"}

For each request a handler process is forked; it forks the check, which
starts a new session (so that killing its process group kills what the
learner's code starts), takes the three descriptors as 0, 1 and 2, changes
to dir and runs code as `python -c code` would run it. The handler answers
{"pid": N} at once and {"status": S} (the raw wait status) when the check
has ended, then exits. The server does nothing but accept and fork, so no
thread and no math library state is ever copied into a check mid-use.
"""

import importlib
import json
import os
import signal
import socket
import sys


def serve_check(conn, req, fds):
    """In the handler: fork the check, report its pid and its end."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    pid = os.fork()
    if pid == 0:
        conn.close()
        run_check(req, fds)  # never returns
    for fd in fds:
        os.close(fd)
    conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")
    while True:
        try:
            _, status = os.waitpid(pid, 0)
            break
        except InterruptedError:
            continue
    conn.sendall(json.dumps({"status": status}).encode() + b"\n")
    conn.close()
    os._exit(0)


def run_check(req, fds):
    """In the check: become `python -c code` run in req["dir"]."""
    code, interrupted = 1, False
    try:
        os.setsid()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        for fd in fds:
            if fd > 2:
                os.close(fd)
        os.chdir(req["dir"])
        importlib.invalidate_caches()
        sys.argv = list(req["argv"])
        main = {"__name__": "__main__", "__builtins__": __builtins__}
        try:
            exec(compile(req["code"], "<string>", "exec"), main)
            code = 0
        except SystemExit as e:
            if e.code is None:
                code = 0
            elif isinstance(e.code, int):
                code = e.code
            else:
                print(e.code, file=sys.stderr)
                code = 1
        except BaseException as e:
            # As the interpreter's top level does: the traceback from the
            # code's own frame on, and death by SIGINT after Ctrl-C.
            tb = e.__traceback__.tb_next if e.__traceback__ else None
            sys.excepthook(type(e), e.with_traceback(tb), tb)
            code = 1
            interrupted = isinstance(e, KeyboardInterrupt)
        code = finalize(code)
        if interrupted:
            flush()
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGINT)
    finally:
        flush()
        os._exit(code & 0xFF)


def finalize(code):
    """What the interpreter does on its way out: wait for the threads that
    are not daemons, then run the atexit functions."""
    try:
        import threading

        threading._shutdown()
    except BaseException:
        pass
    try:
        import atexit

        atexit._run_exitfuncs()
    except BaseException:
        pass
    return code


def flush():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass


def receive(conn):
    """One request: its JSON line and the descriptors sent with it."""
    data, fds, _, _ = socket.recv_fds(conn, 1 << 16, 3)
    while not data.endswith(b"\n"):
        more = conn.recv(1 << 16)
        if not more:
            break
        data += more
    return json.loads(data), fds


def main():
    path, modules = sys.argv[1], [m for m in sys.argv[2].split(",") if m]
    for m in modules:
        importlib.import_module(m)
    for m in (sys.argv[3] if len(sys.argv) > 3 else "").split(","):
        if m:
            try:
                importlib.import_module(m)
            except Exception:
                pass
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(64)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # handlers are reaped by the kernel
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while True:
        conn, _ = server.accept()
        try:
            req, fds = receive(conn)
        except (OSError, ValueError) as e:
            print(f"fork server: bad request: {e}", file=sys.stderr)
            conn.close()
            continue
        if len(fds) != 3:
            for fd in fds:
                os.close(fd)
            conn.close()
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        if os.fork() == 0:
            server.close()
            serve_check(conn, req, fds)  # never returns
        conn.close()
        for fd in fds:
            os.close(fd)


main()
