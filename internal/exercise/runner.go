package exercise

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// DefaultOutputLimit caps what a check may write on each of stdout and stderr.
const DefaultOutputLimit = 1 << 20

// DefaultSetupTimeout bounds the time Python may take to start and import
// what the exercise requires (torch takes seconds on a cold cache), before
// the learner's code runs and the exercise's own timeout starts.
const DefaultSetupTimeout = 120 * time.Second

// driver is the program the child runs; coursecheck.main does the work.
const driver = "import sys; sys.path.insert(0, '_lib'); import coursecheck; sys.exit(coursecheck.main())"

// Runner runs checkers in child processes. The zero value is not usable:
// set Python (and FS, the project root holding exercises/_lib).
type Runner struct {
	Python       string // the interpreter (see Finder)
	FS           fs.FS  // the project root: the exercise's files and exercises/_lib
	OutputLimit  int64  // per stream; 0 means DefaultOutputLimit
	SetupTimeout time.Duration
	// After returns a channel that receives once d has passed; nil means
	// time.After. Tests inject it to make timeouts immediate.
	After func(d time.Duration) <-chan time.Time
	// Timeout, if non-zero, replaces the exercise's timeout.
	Timeout time.Duration
	TempDir string // parent of the temporary folders; "" means os.TempDir()
	// Forks, if set, forks checks from a Python that has imported the
	// exercise's modules already (Linux only; see Forks).
	Forks *Forks
	// Threads, if non-zero, caps the threads of numpy's and torch's math
	// libraries (OMP_NUM_THREADS and its kin, where the environment does not
	// set them): checks run side by side then share the cores instead of
	// each taking all of them.
	Threads int
}

// ThreadEnv is the environment for a Python whose math libraries may use
// n threads; variables that env already sets are left as they are.
func ThreadEnv(env []string, n int) []string {
	if n <= 0 {
		return env
	}
	out := slices.Clone(env)
	for _, k := range []string{"OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"} {
		if !slices.ContainsFunc(env, func(kv string) bool { return strings.HasPrefix(kv, k+"=") }) {
			out = append(out, fmt.Sprintf("%s=%d", k, n))
		}
	}
	return out
}

// Submission is the learner's code.
type Submission struct {
	Source []byte
	Name   string // the file's name as the learner knows it; tracebacks show it
}

// HarnessError says that the checker could not run for a reason that is not
// the learner's code: the program, its exit status and the end of its stderr.
type HarnessError struct {
	Program string
	Status  int // exit status, or -1 when it did not exit by itself
	Reason  string
	Stderr  string
}

func (e *HarnessError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the checker could not run: %s", e.Reason)
	if e.Status >= 0 {
		fmt.Fprintf(&b, " (%s exited with status %d)", e.Program, e.Status)
	} else {
		fmt.Fprintf(&b, " (%s)", e.Program)
	}
	if s := strings.TrimSpace(e.Stderr); s != "" {
		b.WriteString("\n--- its stderr:\n" + s)
	}
	return b.String()
}

// Run checks sub against e in a fresh temporary folder and returns the
// report. Whatever the learner's code does (a syntax error, an exception, an
// endless loop, too much output, exiting the interpreter) ends in a report
// with failed tests; an error means the checker itself could not run
// (*HarnessError) or ctx was cancelled.
func (r *Runner) Run(ctx context.Context, e *Exercise, sub Submission) (*Report, error) {
	dir, err := os.MkdirTemp(r.TempDir, "course-check-")
	if err != nil {
		return nil, err
	}
	defer removeAll(dir)
	if err := r.prepare(dir, e, sub); err != nil {
		return nil, err
	}

	name := sub.Name
	if name == "" {
		name = "learner.py"
	}
	args := []string{"--exercise", e.ID, "--learner", "learner.py", "--learner-name", name,
		"--functions", strings.Join(e.Functions, ","), "--requires", strings.Join(e.Requires, ",")}
	var env []string
	if r.Threads > 0 {
		env = ThreadEnv(os.Environ(), r.Threads)
	}
	limit := r.OutputLimit
	if limit <= 0 {
		limit = DefaultOutputLimit
	}
	stdout := newStream(limit)
	stderr := newStream(limit)
	setup := r.SetupTimeout
	if setup <= 0 {
		setup = DefaultSetupTimeout
	}
	serverEnv := env
	if serverEnv == nil {
		serverEnv = os.Environ()
	}
	checker, _ := fs.ReadFile(r.FS, e.Dir+"/check.py")
	proc, err := r.Forks.startCheck(ctx, r.Python, serverEnv, e.Requires, checkerImports(checker), setup, dir, args, driver, stdout, stderr)
	if errors.Is(err, errNoFork) {
		proc, err = r.startProcess(dir, args, env, stdout, stderr)
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &HarnessError{Program: r.Python, Status: -1, Reason: err.Error()}
	}
	defer proc.release()
	done := make(chan error, 1)
	go func() { done <- proc.wait() }()

	after := r.After
	if after == nil {
		after = time.After
	}
	timeout := e.Timeout
	if r.Timeout > 0 {
		timeout = r.Timeout
	}
	setupTimer := after(setup)
	var timer <-chan time.Time
	started := stdout.started

	var waitErr error
	var stop string // why we killed the process
loop:
	for {
		select {
		case waitErr = <-done:
			break loop
		case <-started:
			started, setupTimer = nil, nil
			timer = after(timeout)
		case <-setupTimer:
			stop = "setup"
		case <-timer:
			stop = "timeout"
		case <-stdout.over:
			stop = "output"
		case <-stderr.over:
			stop = "output"
		case <-ctx.Done():
			stop = "cancel"
		}
		if stop != "" {
			proc.kill()
			waitErr = <-done
			break
		}
	}
	proc.kill() // children the learner's code left behind

	events := parseEvents(stdout.bytes())
	status := -1
	var ee exitError
	if waitErr == nil {
		status = 0
	} else if errors.As(waitErr, &ee) && ee.Exited() && stop == "" {
		status = ee.ExitCode() // on Windows a killed process "exits" too: its status means nothing
	}
	harness := func(reason string) *HarnessError {
		return &HarnessError{Program: r.Python, Status: status, Reason: reason, Stderr: lastBytes(stderr.bytes(), 8<<10)}
	}
	switch stop {
	case "cancel":
		return nil, ctx.Err()
	case "setup":
		return nil, harness(fmt.Sprintf("Python did not start the tests within %g s", setup.Seconds()))
	}
	if events.report != nil && stop == "" {
		rep, err := DecodeReport(events.report)
		if err != nil {
			return nil, harness(err.Error())
		}
		return rep, nil
	}
	if events.running == "" || events.plan == nil {
		reason := "it ended without a report"
		if stop == "output" {
			reason = fmt.Sprintf("it wrote more than %d bytes", limit)
		}
		return nil, harness(reason)
	}
	var msg string
	switch stop {
	case "timeout":
		msg = fmt.Sprintf("timed out: the check took longer than %g s and this test was still running; "+
			"look for a loop that never ends, or code far slower than it needs to be", timeout.Seconds())
	case "output":
		msg = fmt.Sprintf("your code wrote more than %s of output (with os.write or from C code); it was stopped", byteSize(limit))
	default:
		how := fmt.Sprintf("exit status %d", status)
		if status < 0 && waitErr != nil {
			how = waitErr.Error() // "signal: killed"
		}
		msg = fmt.Sprintf("the Python process ended (%s) while this test was running: "+
			"did your code use too much memory, call os._exit(), or crash the interpreter?", how)
	}
	return events.assemble(e.ID, msg, lastBytes(stderr.bytes(), 2<<10)), nil
}

// child is a running check: a process started by startProcess, or one
// forked by a fork server (Forks).
type child interface {
	// wait waits for it to end and its output to be copied; the error is
	// nil, or has the ExitCode and Exited of exitError when it exited.
	wait() error
	// kill kills it and every process it started (that stayed in its group).
	kill()
	// release frees what it holds, once it is killed.
	release()
}

// exitError is what *exec.ExitError and a fork's exit have in common.
type exitError interface {
	error
	ExitCode() int
	Exited() bool
}

// execChild is a check started as a new interpreter.
type execChild struct {
	cmd   *exec.Cmd
	group *procGroup
}

func (c *execChild) wait() error { return c.cmd.Wait() }
func (c *execChild) kill()       { c.group.kill() }
func (c *execChild) release()    { c.group.release() }

// startProcess starts `python -c driver args` in dir.
func (r *Runner) startProcess(dir string, args, env []string, stdout, stderr io.Writer) (child, error) {
	cmd := exec.Command(r.Python, append([]string{"-B", "-X", "utf8", "-c", driver}, args...)...)
	cmd.Dir = dir
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.WaitDelay = time.Second
	group, err := startGroup(cmd)
	if err != nil {
		return nil, err
	}
	return &execChild{cmd: cmd, group: group}, nil
}

// prepare copies what the check needs into dir.
func (r *Runner) prepare(dir string, e *Exercise, sub Submission) error {
	write := func(rel string, data []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	}
	copyFile := func(from, to string) error {
		data, err := fs.ReadFile(r.FS, from)
		if err != nil {
			return fmt.Errorf("cannot read %s: %w", from, err)
		}
		return write(to, data)
	}
	if err := write("learner.py", sub.Source); err != nil {
		return err
	}
	files := map[string]string{
		LibDir + "/coursecheck.py": "_lib/coursecheck.py",
		e.Dir + "/check.py":        "check.py",
		e.Dir + "/solution.py":     "solution.py",
	}
	for _, d := range e.Data {
		files[path.Join(e.Dir, d)] = d
	}
	for from, to := range files {
		if err := copyFile(from, to); err != nil {
			return err
		}
	}
	return nil
}

// stream collects a child's output up to a limit, announces overflow once,
// and (for stdout) the first "start" event.
type stream struct {
	mu       sync.Mutex
	buf      []byte
	total    int64
	limit    int64
	scanned  int
	over     chan struct{}
	overOnce sync.Once
	started  chan struct{}
	startOne sync.Once
}

func newStream(limit int64) *stream {
	return &stream{limit: limit, over: make(chan struct{}), started: make(chan struct{})}
}

func (s *stream) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.total += int64(len(p))
	if room := s.limit - int64(len(s.buf)); room > 0 {
		s.buf = append(s.buf, p[:min(int64(len(p)), room)]...)
	}
	if s.total > s.limit {
		s.overOnce.Do(func() { close(s.over) })
	}
	for {
		i := bytes.IndexByte(s.buf[s.scanned:], '\n')
		if i < 0 {
			break
		}
		if bytes.Contains(s.buf[s.scanned:s.scanned+i], []byte(`"event": "start"`)) {
			s.startOne.Do(func() { close(s.started) })
		}
		s.scanned += i + 1
	}
	return len(p), nil // never fail: the child must not block on a full pipe
}

func (s *stream) bytes() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]byte(nil), s.buf...)
}

// events is what a child reported before it ended.
type events struct {
	plan    []string
	tests   []TestResult
	running string // the test started last and not finished
	report  json.RawMessage
}

func parseEvents(out []byte) *events {
	ev := &events{}
	for _, line := range bytes.Split(out, []byte("\n")) {
		var e struct {
			Event  string          `json:"event"`
			Tests  []string        `json:"tests"`
			Test   json.RawMessage `json:"test"`
			Report json.RawMessage `json:"report"`
		}
		if len(bytes.TrimSpace(line)) == 0 || json.Unmarshal(line, &e) != nil {
			continue
		}
		switch e.Event {
		case "plan":
			ev.plan = e.Tests
		case "start":
			var name string
			if json.Unmarshal(e.Test, &name) == nil {
				ev.running = name
			}
		case "test":
			var t TestResult
			if json.Unmarshal(e.Test, &t) == nil {
				ev.tests = append(ev.tests, t)
				if t.Name == ev.running {
					ev.running = ""
				}
			}
		case "report":
			ev.report = e.Report
		}
	}
	return ev
}

// assemble builds the report of a check that was stopped while the test
// ev.running ran: that test fails with msg, the ones not run are skipped.
func (ev *events) assemble(id, msg, stderr string) *Report {
	r := &Report{Schema: Schema, Exercise: id, Status: StatusFail, Cases: map[string]Cases{}}
	r.Tests = append(r.Tests, ev.tests...)
	r.Tests = append(r.Tests, TestResult{Name: ev.running, Status: StatusError, Message: msg, Stdout: stderr})
	done := map[string]bool{ev.running: true}
	for _, t := range ev.tests {
		done[t.Name] = true
	}
	skip := "not run: the check was stopped"
	if ev.running == ImportTest {
		skip = "not run: your file did not load"
	}
	for _, name := range ev.plan {
		if !done[name] {
			r.Tests = append(r.Tests, TestResult{Name: name, Status: StatusSkip, Message: skip})
		}
	}
	r.Recount()
	return r
}

func lastBytes(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return strings.ToValidUTF8(string(b), "�")
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// removeAll removes the temporary folder dir, retrying for a while: on
// Windows a file stays in use until the processes that held it are gone,
// and a virus scanner may hold it briefly too.
func removeAll(dir string) {
	for range 50 {
		if os.RemoveAll(dir) == nil {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}
