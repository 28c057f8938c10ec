package exercise

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mlcourse/course/internal/diag"
)

// workspace writes libFS (demo/double) plus demo/twice, a copy, to a
// temporary project and returns its workspace.
func workspace(t *testing.T) *Workspace {
	t.Helper()
	py := testPython(t)
	dir := t.TempDir()
	fsys := libFS(t)
	for name, f := range fsys {
		if rest, ok := strings.CutPrefix(name, "exercises/demo/double/"); ok {
			fsys["exercises/demo/twice/"+rest] = f
		}
	}
	if err := os.CopyFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
	var dl diag.List
	set := Load(os.DirFS(dir), &dl)
	if dl.HasErrors() {
		t.Fatal(dl.String())
	}
	return &Workspace{Root: dir, Set: set, Finder: &Finder{Candidates: []Candidate{{Path: py}}},
		Now: func() time.Time { return time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC) }}
}

func TestWorkspaceStartCheckHintSolution(t *testing.T) {
	w := workspace(t)
	e := w.Set.Get("demo/double")
	ctx := context.Background()
	var ns *NotStartedError
	if _, err := w.Check(ctx, e, ""); !errors.As(err, &ns) {
		t.Fatalf("check before start: %v", err)
	}
	if _, err := w.Solution(e); !errors.Is(err, ErrNoAttempt) {
		t.Errorf("solution before a check: %v", err)
	}
	if err := w.Start(e, false); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(w.File(e)); !bytes.Equal(got, e.Starter) {
		t.Error("the workspace file is not the starter")
	}
	os.WriteFile(w.File(e), []byte("# mine\n"+doubleOK), 0o644)
	if err := w.Start(e, false); !errors.Is(err, ErrStarted) {
		t.Errorf("second start: %v", err)
	}
	if err := w.Start(e, true); err != nil {
		t.Fatal(err)
	}
	if bak, _ := os.ReadFile(w.File(e) + ".bak"); !strings.HasPrefix(string(bak), "# mine") {
		t.Error("--force did not keep the old file")
	}
	rep, err := w.Check(ctx, e, "")
	if err != nil || rep.Passed() {
		t.Fatalf("starter: %v, %+v", err, rep)
	}
	if !strings.Contains(rep.Tests[0].Traceback, "workspace/demo/double.py") {
		t.Errorf("the traceback does not name the workspace file: %q", rep.Tests[0].Traceback)
	}
	other := filepath.Join(t.TempDir(), "mine.py")
	os.WriteFile(other, []byte(doubleOK), 0o644)
	if rep, err := w.Check(ctx, e, other); err != nil || !rep.Passed() {
		t.Fatalf("--file: %v, %+v", err, rep)
	}
	os.WriteFile(w.File(e), []byte(doubleOK), 0o644)
	if rep, err := w.Check(ctx, e, ""); err != nil || !rep.Passed() {
		t.Fatalf("the fixed workspace file: %v, %+v", err, rep)
	}
	for want := 1; want <= 2; want++ {
		hints, err := w.NextHint(e)
		if err != nil || len(hints) != 1 {
			t.Errorf("hint %d: %v %v (the exercise has one hint)", want, hints, err)
		}
	}
	if src, err := w.Solution(e); err != nil || !bytes.Equal(src, e.Solution) {
		t.Errorf("solution: %v", err)
	}
	p, err := w.LoadProgress()
	if err != nil {
		t.Fatal(err)
	}
	ep := p.Of(e.ID)
	if p.Current != e.ID || ep.Attempts != 2 || !ep.Passed || ep.LastStatus != StatusPass || ep.Hints != 1 || !ep.SolutionSeen || ep.Started == nil {
		t.Errorf("progress = %+v current %q", ep, p.Current)
	}
	if w.Done(p, w.Set.Exercises) != 1 {
		t.Errorf("done = %d", w.Done(p, w.Set.Exercises))
	}
}

// Progress is the last check of the learner's workspace file: checking
// another file records nothing, a later failing check takes "done" away
// (the state says it passed earlier), and an edit since the passing check
// is not done until checked again.
func TestProgressFollowsTheWorkspaceFile(t *testing.T) {
	w := workspace(t)
	e := w.Set.Get("demo/double")
	ctx := context.Background()
	state := func() State {
		t.Helper()
		p, err := w.LoadProgress()
		if err != nil {
			t.Fatal(err)
		}
		return w.State(p, e)
	}
	if err := w.Start(e, false); err != nil {
		t.Fatal(err)
	}
	if s := state(); s != Unchecked {
		t.Errorf("after start: state %d", s)
	}
	sol := filepath.Join(w.Root, "exercises/demo/double/solution.py")
	if rep, err := w.Check(ctx, e, sol); err != nil || !rep.Passed() {
		t.Fatalf("--file solution: %v %+v", err, rep)
	}
	if p, _ := w.LoadProgress(); p.Of(e.ID).Attempts != 0 || state() != Unchecked {
		t.Errorf("checking the solution changed the progress: %+v, state %d", p.Of(e.ID), state())
	}
	if _, err := w.Check(ctx, e, ""); err != nil {
		t.Fatal(err)
	}
	if s := state(); s != Failing {
		t.Errorf("the starter checked: state %d, want Failing", s)
	}
	os.WriteFile(w.File(e), []byte(doubleOK), 0o644)
	// --file naming the workspace file itself is a check of the workspace file.
	if rep, err := w.Check(ctx, e, filepath.Join(w.Root, "workspace", "demo", "..", "demo", "double.py")); err != nil || !rep.Passed() {
		t.Fatalf("%v %+v", err, rep)
	}
	if s := state(); s != Done {
		t.Errorf("after a passing check: state %d, want Done", s)
	}
	os.WriteFile(w.File(e), []byte(doubleOK+"# more\n"), 0o644)
	if s := state(); s != Edited {
		t.Errorf("edited after passing: state %d, want Edited", s)
	}
	os.WriteFile(w.File(e), []byte("def double(xs):\n    return xs\n"), 0o644)
	if _, err := w.Check(ctx, e, ""); err != nil {
		t.Fatal(err)
	}
	p, _ := w.LoadProgress()
	if s := state(); s != FailingNow || p.Of(e.ID).Passed || w.Done(p, w.Set.Exercises) != 0 {
		t.Errorf("failing after a pass: state %d, progress %+v", s, p.Of(e.ID))
	}
	// A progress file from before: passed, but the last check failed.
	os.WriteFile(filepath.Join(w.Root, ProgressFile), []byte(`{"version":1,"exercises":{"demo/double":{"attempts":2,"passed":true,"last_status":"fail"}}}`), 0o644)
	if s := state(); s != FailingNow {
		t.Errorf("an old progress file: state %d, want FailingNow", s)
	}
}

// course watch checks a file that the progress says passed but that
// changed since: it never announces "every exercise passes" from stale state.
func TestWatchChecksAStalePass(t *testing.T) {
	w := workspace(t)
	e := w.Set.Get("demo/double")
	w.Start(e, false)
	// Passed according to an old progress file, but the file is the starter.
	w.Update(func(p *Progress) { p.Of(e.ID).Passed, p.Of(e.ID).Attempts = true, 1 })
	input := make(chan string, 1)
	input <- "q"
	out := &syncBuffer{}
	l := &Loop{W: w, Queue: w.Set.Exercises[:1], Out: out, Changes: make(chan string), Input: input,
		Watch: func(string) error { return nil }}
	if err := l.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "Every exercise passes") || !strings.Contains(out.String(), "0 of 1 tests pass") {
		t.Errorf("watch trusted a stale pass:\n%s", out.String())
	}
}

func TestAProgressFileThatIsNotJSONSaysHowToRecover(t *testing.T) {
	w := &Workspace{Root: t.TempDir()}
	os.MkdirAll(filepath.Join(w.Root, WorkspaceDir), 0o755)
	os.WriteFile(filepath.Join(w.Root, ProgressFile), []byte("{nope"), 0o644)
	if _, err := w.LoadProgress(); err == nil || !strings.Contains(err.Error(), "delete the file") {
		t.Errorf("err = %v", err)
	}
}

func TestBar(t *testing.T) {
	for _, c := range []struct {
		done, total int
		want        string
	}{{0, 3, "[----------] 0/3"}, {1, 3, "[###-------] 1/3"}, {3, 3, "[##########] 3/3"}, {0, 0, "[----------] 0/0"}} {
		if got := Bar(c.done, c.total, 10); got != c.want {
			t.Errorf("Bar(%d, %d) = %q, want %q", c.done, c.total, got, c.want)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for the loop's goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor waits until out contains want n times.
func waitFor(t *testing.T, out *syncBuffer, want string, n int) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for strings.Count(out.String(), want) < n {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %q ×%d in:\n%s", want, n, out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestWatchChecksOnSaveAndMovesOnWhenAllPass(t *testing.T) {
	w := workspace(t)
	changes := make(chan string, 8)
	input := make(chan string)
	var watched []string
	var mu sync.Mutex
	out := &syncBuffer{}
	l := &Loop{W: w, Queue: w.Set.Exercises, Out: out, Changes: changes, Input: input, Quiet: time.Millisecond,
		Watch: func(dir string) error { mu.Lock(); watched = append(watched, dir); mu.Unlock(); return nil }}
	done := make(chan error, 1)
	go func() { done <- l.Run(context.Background()) }()

	first := w.Set.Get("demo/double")
	waitFor(t, out, "Started demo/double", 1)
	waitFor(t, out, "0 of 1 tests pass", 1)
	waitFor(t, out, "h: hint", 1)
	input <- "h"
	waitFor(t, out, "Hint 1 of 1: Multiply by two.", 1)

	changes <- filepath.Join(w.Root, "workspace/demo/other.py") // not the current file: ignored
	os.WriteFile(w.File(first), []byte(doubleOK), 0o644)
	changes <- w.File(first)
	waitFor(t, out, "✓ demo/double: every test passes.", 1)
	waitFor(t, out, "Started demo/twice", 1)
	waitFor(t, out, "[###############---------------] 1/2", 1)
	waitFor(t, out, "h: hint", 2)
	input <- "c"
	waitFor(t, out, "h: hint", 3)
	input <- "n"
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the loop did not end")
	}
	if !strings.Contains(out.String(), "That was the last exercise; [###############---------------] 1/2 pass") {
		t.Errorf("end message missing:\n%s", out.String())
	}
	if strings.Count(out.String(), "── demo/double") != 2 {
		t.Errorf("demo/double was not checked exactly twice (start, save):\n%s", out.String())
	}
	mu.Lock()
	defer mu.Unlock()
	if len(watched) != 2 {
		t.Errorf("watched %v", watched)
	}
}

func TestWatchStopsOnQuitAndWhenEverythingPasses(t *testing.T) {
	w := workspace(t)
	input := make(chan string, 1)
	input <- "q"
	l := &Loop{W: w, Queue: w.Set.Exercises[:1], Out: io.Discard, Changes: make(chan string), Input: input,
		Watch: func(string) error { return nil }}
	if err := l.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(w.File(w.Set.Get("demo/double")), []byte(doubleOK), 0o644)
	if _, err := w.Check(context.Background(), w.Set.Get("demo/double"), ""); err != nil {
		t.Fatal(err)
	}
	out := &syncBuffer{}
	l = &Loop{W: w, Queue: w.Set.Exercises[:1], Out: out, Changes: make(chan string), Watch: func(string) error { return nil }}
	if err := l.Run(context.Background()); err != nil || !strings.Contains(out.String(), "Every exercise passes.") {
		t.Errorf("err %v, out:\n%s", err, out.String())
	}
}

func TestNotifierReportsSaves(t *testing.T) {
	n, err := NewNotifier()
	if err != nil {
		t.Skipf("no fsnotify here: %v", err)
	}
	defer n.Close()
	dir := t.TempDir()
	if err := n.Add(dir); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "a.py")
	os.WriteFile(file, []byte("x = 1\n"), 0o644)
	select {
	case got := <-n.Changes:
		if !samePath(got, file) {
			t.Errorf("change %q, want %q", got, file)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no change reported")
	}
}
