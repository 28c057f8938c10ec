//go:build linux

package exercise

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// normalized is a report without its timings, for comparison.
func normalized(t *testing.T, r *Report) string {
	t.Helper()
	c := *r
	c.Tests = append([]TestResult(nil), r.Tests...)
	for i := range c.Tests {
		c.Tests[i].DurationMS = 0
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(c.JSON()), &m); err != nil {
		t.Fatal(err)
	}
	if s, ok := m["summary"].(map[string]any); ok {
		for k := range s {
			if strings.HasSuffix(k, "ms") {
				delete(s, k)
			}
		}
	}
	out, _ := json.MarshalIndent(m, "", " ")
	return regexp.MustCompile(`course-check-\d+`).ReplaceAllString(string(out), "course-check-N")
}

// A forked check reports exactly what a new interpreter reports, whatever
// the learner's code does.
func TestForkedChecksReportWhatNewInterpretersReport(t *testing.T) {
	forks := &Forks{TempDir: t.TempDir()}
	defer forks.Close()
	for _, c := range []struct {
		name    string
		learner string
		runner  func() *Runner
	}{
		{"correct", doubleOK, nil},
		{"wrong", "def double(xs):\n    return xs\n", nil},
		{"syntax error", "def double(xs:\n", nil},
		{"exception on import", "raise ValueError('no')\n", nil},
		{"exits on import", "import sys\nsys.exit(2)\n", nil},
		{"os._exit in a test", "import os\ndef double(xs):\n    os._exit(3)\n", nil},
		{"killed by a signal", "import os, signal\ndef double(xs):\n    os.kill(os.getpid(), signal.SIGKILL)\n", nil},
		{"prints", "print('hello')\ndef double(xs):\n    print('in double', xs)\n    return [2 * x for x in xs]\n", nil},
		{"writes to fd 1 and 2", "import os\nos.write(1, b'one')\nos.write(2, b'two')\ndef double(xs):\n    return [2 * x for x in xs]\n", nil},
		{"reads stdin", "line = input()\ndef double(xs):\n    return [2 * x for x in xs]\n", nil},
		{"KeyboardInterrupt", "def double(xs):\n    raise KeyboardInterrupt\n", nil},
		{"sees its own argv and main", "import sys\nassert sys.argv[0] == '-c', sys.argv\nassert sys.modules['__main__'].__name__ == '__main__'\n" + doubleOK, nil},
		{"too much output", "import os\ndef double(xs):\n    while True:\n        os.write(1, b'x' * 4096)\n",
			func() *Runner { return &Runner{OutputLimit: 64 << 10} }},
		{"endless loop on import", "while True:\n    pass\n",
			func() *Runner { return &Runner{Timeout: 300 * time.Millisecond} }},
	} {
		t.Run(c.name, func(t *testing.T) {
			mk := c.runner
			if mk == nil {
				mk = func() *Runner { return &Runner{} }
			}
			want := normalized(t, runDemo(t, mk(), c.learner))
			r := mk()
			r.Forks = forks
			got := normalized(t, runDemo(t, r, c.learner))
			if got != want {
				t.Errorf("forked check reports\n%s\nwant (new interpreter)\n%s", got, want)
			}
		})
	}
	if n := len(forks.servers); n != 1 {
		t.Errorf("%d fork servers, want 1 for one interpreter and one set of modules", n)
	}
}

// The check is forked from the server, with the exercise's modules
// imported before the learner's code runs, and in a folder of its own.
func TestForkedChecksStartWithTheModulesImported(t *testing.T) {
	forks := &Forks{TempDir: t.TempDir()}
	defer forks.Close()
	fsys := libFS(t)
	e := demo(t, fsys)
	e.Requires = []string{"xml.dom.minidom"} // not imported by coursecheck
	learner := "import os, sys\n" +
		"PRELOADED = 'xml.dom.minidom' in sys.modules\n" +
		"PARENT = os.getppid()\n" +
		"CWD = os.getcwd()\n" +
		"def double(xs):\n" +
		"    print('preloaded', PRELOADED, 'parent', PARENT, 'cwd', CWD)\n" +
		"    return [2 * x for x in xs]\n"
	var cwds []string
	for range 2 {
		r := &Runner{Python: testPython(t), FS: fsys, Forks: forks}
		rep, err := r.Run(context.Background(), e, Submission{Source: []byte(learner)})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Status != StatusPass {
			t.Fatalf("report = %s", rep.JSON())
		}
		m := regexp.MustCompile(`preloaded (\w+) parent (\d+) cwd (\S+)`).FindStringSubmatch(rep.Tests[0].Stdout + rep.Stdout)
		if m == nil {
			t.Fatalf("no line from the learner's code in %s", rep.JSON())
		}
		if m[1] != "True" {
			t.Errorf("xml.dom.minidom was not imported before the learner's code ran")
		}
		if pid, _ := strconv.Atoi(m[2]); pid == os.Getpid() {
			t.Errorf("the check's parent is the test process: it was not forked")
		}
		cwds = append(cwds, m[3])
	}
	if cwds[0] == cwds[1] || !strings.Contains(cwds[0], "course-check-") {
		t.Errorf("checks ran in %q: want a fresh course-check- folder each", cwds)
	}
}

// On a timeout the forked check and the processes it started are killed.
func TestForkedCheckIsKilledWithItsChildrenOnTimeout(t *testing.T) {
	forks := &Forks{TempDir: t.TempDir()}
	defer forks.Close()
	r := &Runner{Forks: forks, After: func(d time.Duration) <-chan time.Time {
		if d == DefaultSetupTimeout {
			return nil
		}
		return time.After(300 * time.Millisecond)
	}}
	learner := "import os, subprocess\n" +
		"def double(xs):\n" +
		"    p = subprocess.Popen(['sleep', '1000'])\n" +
		"    os.write(2, b'child %d\\n' % p.pid)\n" +
		"    while True:\n" +
		"        pass\n"
	rep := runDemo(t, r, learner)
	got := rep.Tests[0]
	if got.Status != StatusError || !strings.Contains(got.Message, "timed out") {
		t.Fatalf("report = %s", rep.JSON())
	}
	m := regexp.MustCompile(`child (\d+)`).FindStringSubmatch(got.Stdout)
	if m == nil {
		t.Fatalf("the child's pid is not in the test's output: %q", got.Stdout)
	}
	pid, _ := strconv.Atoi(m[1])
	for deadline := time.Now().Add(5 * time.Second); alive(pid); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("process %d started by the learner's code survived the timeout", pid)
		}
	}
}

func TestForkedCheckStopsWhenCancelled(t *testing.T) {
	forks := &Forks{TempDir: t.TempDir()}
	defer forks.Close()
	fsys := libFS(t)
	r := &Runner{Python: testPython(t), FS: fsys, Forks: forks}
	// Start the server first, so that the deadline falls in the check.
	if _, err := r.Run(context.Background(), demo(t, fsys), Submission{Source: []byte(doubleOK)}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	_, err := r.Run(ctx, demo(t, fsys), Submission{Source: []byte("while True:\n    pass\n")})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v", err)
	}
}

// A module that does not import leaves the checks to new interpreters,
// which report it as they always have.
func TestForksFallBackWhenAModuleDoesNotImport(t *testing.T) {
	forks := &Forks{TempDir: t.TempDir()}
	defer forks.Close()
	fsys := libFS(t)
	e := demo(t, fsys)
	e.Requires = []string{"no_such_module_here"}
	run := func(f *Forks) string {
		r := &Runner{Python: testPython(t), FS: fsys, Forks: f}
		rep, err := r.Run(context.Background(), e, Submission{Source: []byte(doubleOK)})
		if err != nil {
			t.Fatal(err)
		}
		return normalized(t, rep)
	}
	if got, want := run(forks), run(nil); got != want {
		t.Errorf("with forks:\n%s\nwithout:\n%s", got, want)
	}
	if s := forks.servers[firstKey(forks)]; s == nil || s.err == nil || !strings.Contains(s.err.Error(), "no_such_module_here") {
		t.Errorf("the failed server does not say why: %+v", s)
	}
}

func firstKey(f *Forks) string {
	for k := range f.servers {
		return k
	}
	return ""
}

// Close stops the servers and removes their sockets' folder.
func TestForksCloseStopsTheServers(t *testing.T) {
	tmp := t.TempDir()
	forks := &Forks{TempDir: tmp}
	runDemo(t, &Runner{Forks: forks}, doubleOK)
	s := forks.servers[firstKey(forks)]
	if s == nil || s.cmd == nil {
		t.Fatal("no server started")
	}
	pid := s.cmd.Process.Pid
	forks.Close()
	if alive(pid) {
		t.Errorf("server %d still runs after Close", pid)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("left %v", entries)
	}
	// After Close, checks start new interpreters.
	if rep := runDemo(t, &Runner{Forks: forks}, doubleOK); rep.Status != StatusPass {
		t.Errorf("report = %s", rep.JSON())
	}
}

// On its way out a forked check waits for its threads and runs its atexit
// functions, as an interpreter does.
func TestForkedCheckEndsAsAnInterpreterDoes(t *testing.T) {
	forks := &Forks{TempDir: t.TempDir()}
	defer forks.Close()
	for _, mode := range []string{"new interpreter", "forked"} {
		marker := filepath.Join(t.TempDir(), "marker")
		learner := "import atexit, os, threading, time\n" +
			"def late():\n    time.sleep(0.2)\n    open('thread-done', 'w').close()\n" +
			"threading.Thread(target=late).start()\n" +
			"def bye():\n    with open(" + strconv.Quote(marker) + ", 'w') as f:\n        f.write('thread done: %s' % os.path.exists('thread-done'))\n" +
			"atexit.register(bye)\n" + doubleOK
		r := &Runner{}
		if mode == "forked" {
			r.Forks = forks
		}
		if rep := runDemo(t, r, learner); rep.Status != StatusPass {
			t.Fatalf("%s: report = %s", mode, rep.JSON())
		}
		got, err := os.ReadFile(marker)
		if err != nil || string(got) != "thread done: True" {
			t.Errorf("%s: the atexit function wrote %q (%v), want %q", mode, got, err, "thread done: True")
		}
	}
}

// A fork server also imports the slow modules the checker imports (not
// only the exercise's requires), and one of them that does not import is
// left for the check to meet, as a new interpreter would.
func TestForksPreloadWhatTheCheckerImports(t *testing.T) {
	saved := preloadable
	preloadable = []string{"xml", "no_such_module_here"}
	defer func() { preloadable = saved }()
	forks := &Forks{TempDir: t.TempDir()}
	defer forks.Close()
	fsys := libFS(t)
	check := fsys["exercises/demo/double/check.py"]
	check.Data = append([]byte("import sys\n"+
		"assert 'xml.dom.minidom' in sys.modules, 'xml.dom.minidom was not preloaded'\n"+
		"try:\n    import xml.dom.minidom\n    import no_such_module_here\nexcept ImportError:\n    pass\n"), check.Data...)
	r := &Runner{Python: testPython(t), FS: fsys, Forks: forks}
	rep, err := r.Run(context.Background(), demo(t, fsys), Submission{Source: []byte(doubleOK)})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Status != StatusPass {
		t.Fatalf("report = %s", rep.JSON())
	}
	if s := forks.servers[firstKey(forks)]; s == nil || s.err != nil {
		t.Errorf("the server failed over an optional module: %+v", s)
	}
}
