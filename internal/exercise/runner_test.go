package exercise

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mlcourse/course/internal/diag"
)

var (
	finderOnce sync.Once
	finderMu   sync.Mutex
	finder     *Finder
)

// isCI reports whether missing dependencies must fail rather than skip.
func isCI() bool {
	v, _ := strconv.ParseBool(strings.TrimSpace(os.Getenv("CI")))
	return v
}

// testPython returns an interpreter with requires, trying the same
// candidates as course check. Without one it skips loudly, or fails under CI=true.
func testPython(t testing.TB, requires ...string) string {
	t.Helper()
	finderOnce.Do(func() {
		finder = &Finder{Candidates: Candidates(os.Getenv("COURSE_PYTHON"), "", exec.LookPath)}
	})
	finderMu.Lock()
	py, err := finder.For(context.Background(), requires)
	finderMu.Unlock()
	if err != nil {
		line := strings.Repeat("!", 78)
		msg := fmt.Sprintf("\n%s\n!!! SKIPPED: THIS TEST NEEDS PYTHON %d.%d+ WITH %v.\n!!! %v\n!!! With CI=true this is a failure, not a skip.\n%s",
			line, MinPython[0], MinPython[1], requires, err, line)
		if isCI() {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return py.Exe()
}

// libFS returns validFS with the real checker library.
func libFS(t testing.TB) fstest.MapFS {
	t.Helper()
	lib, err := os.ReadFile("../../exercises/_lib/coursecheck.py")
	if err != nil {
		t.Fatal(err)
	}
	fsys := validFS()
	fsys["exercises/_lib/coursecheck.py"].Data = lib
	return fsys
}

func demo(t testing.TB, fsys fstest.MapFS) *Exercise {
	t.Helper()
	var dl diag.List
	s := Load(fsys, &dl)
	if dl.HasErrors() {
		t.Fatal(dl.String())
	}
	return s.Get("demo/double")
}

func runDemo(t *testing.T, r *Runner, learner string) *Report {
	t.Helper()
	fsys := libFS(t)
	if r.Python == "" {
		r.Python = testPython(t)
	}
	r.FS = fsys
	rep, err := r.Run(context.Background(), demo(t, fsys), Submission{Source: []byte(learner), Name: "workspace/demo/double.py"})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

const doubleOK = "def double(xs):\n    return [2 * x for x in xs]\n"

func TestRunPassesACorrectAnswer(t *testing.T) {
	rep := runDemo(t, &Runner{}, doubleOK)
	if rep.Status != StatusPass || rep.Summary.Passed != 1 || rep.Exercise != "demo/double" {
		t.Errorf("report = %s", rep.JSON())
	}
	if c := rep.Cases["double"]; c.Random != 20 {
		t.Errorf("cases = %+v", rep.Cases)
	}
}

func TestRunReportsAWrongAnswerAsAFailedTest(t *testing.T) {
	rep := runDemo(t, &Runner{}, "def double(xs):\n    return xs\n")
	if rep.Status != StatusFail || rep.Tests[0].Status != StatusFail || rep.Tests[0].Input == "" {
		t.Errorf("report = %s", rep.JSON())
	}
}

func TestRunReportsASyntaxErrorAsAFailedImport(t *testing.T) {
	rep := runDemo(t, &Runner{}, "def double(xs:\n")
	if rep.Status != StatusFail || rep.Tests[0].Name != ImportTest || !strings.Contains(rep.Tests[0].Message, "syntax error at line 1") {
		t.Errorf("report = %s", rep.JSON())
	}
	if !strings.Contains(rep.Tests[0].Traceback, "workspace/demo/double.py") {
		t.Errorf("traceback does not name the learner's file: %q", rep.Tests[0].Traceback)
	}
}

func TestRunReportsAnEndlessLoopOnImport(t *testing.T) {
	r := &Runner{Timeout: 300 * time.Millisecond}
	rep := runDemo(t, r, "while True:\n    pass\n")
	if rep.Tests[0].Name != ImportTest || !strings.Contains(rep.Tests[0].Message, "timed out") || rep.Tests[1].Status != StatusSkip {
		t.Errorf("report = %s", rep.JSON())
	}
	if rep.Tests[1].Message != "not run: your file did not load" {
		t.Errorf("skip message = %q", rep.Tests[1].Message)
	}
}

func TestRunCapsOutputWrittenAroundPrint(t *testing.T) {
	r := &Runner{OutputLimit: 64 << 10}
	rep := runDemo(t, r, "import os\ndef double(xs):\n    while True:\n        os.write(1, b'x' * 4096)\n")
	got := rep.Tests[0]
	if rep.Status != StatusFail || !strings.Contains(got.Message, "wrote more than 64 KiB of output") {
		t.Errorf("report = %s", rep.JSON())
	}
	if len(got.Stdout) > 4<<10 {
		t.Errorf("kept %d bytes of output", len(got.Stdout))
	}
}

func TestRunReportsAnInterpreterExitAsAFailedTest(t *testing.T) {
	rep := runDemo(t, &Runner{}, "import os\ndef double(xs):\n    os._exit(3)\n")
	if rep.Status != StatusFail || !strings.Contains(rep.Tests[0].Message, "ended (exit status 3)") {
		t.Errorf("report = %s", rep.JSON())
	}
}

func TestRunReportsABrokenCheckerAsAnErrorReport(t *testing.T) {
	fsys := libFS(t)
	fsys["exercises/demo/double/check.py"].Data = []byte("import not_here\n\ndef test_x(learner):\n    pass\n")
	r := &Runner{Python: testPython(t), FS: fsys}
	rep, err := r.Run(context.Background(), demo(t, fsys), Submission{Source: []byte(doubleOK)})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Status != StatusError || !strings.Contains(rep.Error, "check.py failed to load") {
		t.Errorf("report = %s", rep.JSON())
	}
}

func TestRunNamesTheProgramWhenTheHarnessFails(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil || runtime.GOOS == "windows" {
		t.Skip("needs sh and #! scripts")
	}
	// A "Python" that prints to stderr and exits 7 without a report.
	script := filepath.Join(t.TempDir(), "python")
	os.WriteFile(script, []byte("#!"+sh+"\necho 'boom: no such module' >&2\nexit 7\n"), 0o755)
	fsys := libFS(t)
	r := &Runner{Python: script, FS: fsys}
	_, err = r.Run(context.Background(), demo(t, fsys), Submission{Source: []byte(doubleOK)})
	var he *HarnessError
	if !errors.As(err, &he) {
		t.Fatalf("err = %v, want a HarnessError", err)
	}
	msg := he.Error()
	for _, want := range []string{script + " exited with status 7", "it ended without a report", "boom: no such module"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	r.Python = filepath.Join(t.TempDir(), "missing-python")
	if _, err := r.Run(context.Background(), demo(t, fsys), Submission{Source: []byte(doubleOK)}); !errors.As(err, &he) {
		t.Errorf("missing interpreter: err = %v", err)
	}
}

func TestRunStopsWhenCancelled(t *testing.T) {
	fsys := libFS(t)
	r := &Runner{Python: testPython(t), FS: fsys}
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	_, err := r.Run(ctx, demo(t, fsys), Submission{Source: []byte("while True:\n    pass\n")})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v", err)
	}
}

func TestRunLeavesNoTemporaryFolder(t *testing.T) {
	tmp := t.TempDir()
	runDemo(t, &Runner{TempDir: tmp}, doubleOK)
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("left %v", entries)
	}
}

func TestChooseTakesTheFirstPythonWithEveryModule(t *testing.T) {
	a := &Python{Candidate: Candidate{Path: "a", Source: "PATH"}, Version: "3.11.7", Modules: map[string]string{}}
	b := &Python{Candidate: Candidate{Path: "b", Source: "default"}, Version: "3.11.2", Modules: map[string]string{"numpy": "", "torch": ""}}
	old := &Python{Candidate: Candidate{Path: "c"}, Err: errors.New("c is Python 3.9.1; the checkers need 3.11 or later")}
	if p, _ := Choose([]*Python{old, a, b}, nil); p != a {
		t.Errorf("no requirements: got %v", p.Path)
	}
	if p, _ := Choose([]*Python{old, a, b}, []string{"numpy"}); p != b {
		t.Errorf("numpy: got %v", p.Path)
	}
	_, err := Choose([]*Python{old, a, b}, []string{"cv2"})
	msg := err.Error()
	for _, want := range []string{"no Python 3.11+ with cv2 found", "a (PATH): Python 3.11.7, lacks cv2", "c is Python 3.9.1",
		"pip install opencv-python-headless", "$COURSE_PYTHON"} { // the rest of the hint depends on the OS: see TestInstallHint
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
}

func TestProbeRejectsOldPythonsAndBrokenOnes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("#! scripts do not run on Windows; TestProbeExplainsFailures covers the same with a helper process")
	}
	dir := t.TempDir()
	old := filepath.Join(dir, "old")
	os.WriteFile(old, []byte("#!/bin/sh\necho '{\"executable\": \"/x\", \"version\": \"3.9.1\", \"modules\": {}}'\n"), 0o755)
	if p := Probe(context.Background(), Candidate{Path: old}, nil, false); p.OK() || !strings.Contains(p.Err.Error(), "3.9.1") {
		t.Errorf("old: %+v", p)
	}
	bad := filepath.Join(dir, "bad")
	os.WriteFile(bad, []byte("#!/bin/sh\necho nope >&2\nexit 1\n"), 0o755)
	if p := Probe(context.Background(), Candidate{Path: bad}, nil, false); p.OK() || !strings.Contains(p.Err.Error(), "nope") {
		t.Errorf("bad: %+v", p)
	}
	py := testPython(t)
	p := Probe(context.Background(), Candidate{Path: py}, []string{"json", "no_such_module"}, true)
	if !p.OK() || !p.Has([]string{"json"}) || p.Has([]string{"no_such_module"}) {
		t.Errorf("probe = %+v", p)
	}
}

func TestThreadEnvCapsMathThreadsUnlessSet(t *testing.T) {
	for _, c := range []struct {
		name string
		env  []string
		n    int
		want []string
	}{
		{"zero leaves it alone", []string{"PATH=/bin"}, 0, []string{"PATH=/bin"}},
		{"adds the three", []string{"PATH=/bin"}, 1, []string{"PATH=/bin", "OMP_NUM_THREADS=1", "MKL_NUM_THREADS=1", "OPENBLAS_NUM_THREADS=1"}},
		{"keeps what is set", []string{"OMP_NUM_THREADS=4"}, 2, []string{"OMP_NUM_THREADS=4", "MKL_NUM_THREADS=2", "OPENBLAS_NUM_THREADS=2"}},
		{"a prefix is not the variable", []string{"OMP_NUM_THREADS_X=3"}, 1, []string{"OMP_NUM_THREADS_X=3", "OMP_NUM_THREADS=1", "MKL_NUM_THREADS=1", "OPENBLAS_NUM_THREADS=1"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := slices.Clone(c.env)
			got := ThreadEnv(c.env, c.n)
			if !slices.Equal(got, c.want) {
				t.Errorf("ThreadEnv(%q, %d) = %q, want %q", c.env, c.n, got, c.want)
			}
			if !slices.Equal(c.env, in) {
				t.Errorf("ThreadEnv changed its argument: %q", c.env)
			}
		})
	}
}
