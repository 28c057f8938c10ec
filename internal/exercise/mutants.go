package exercise

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Mutation testing (`course test --mutants`): _lib/mutants.py changes the
// solution in one small place per mutant (an operator, a comparison, a
// constant, a slice bound, a call, a statement) and runs each mutant through
// the exercise's checker. A checker that tests every sentence of its task
// text rejects ("kills") every mutant that breaks one; a surviving mutant is
// a missing test, or a mutant that behaves exactly like the solution, which
// the author marks in the exercise's EquivalentFile with the reason.

// EquivalentFile, in an exercise's folder, lists the surviving mutants that
// are equivalent to the solution: one per line, the mutant's id, then the
// reason; "#" starts a comment line.
//
//	# id            why no test can tell it from the solution
//	14:21:Lt->LtE   at r == delta both pieces give 0.5 * delta**2
const EquivalentFile = "equivalent-mutants.txt"

// DefaultMinShare is the share of non-equivalent mutants each exercise's
// checker must kill for `course test --mutants` to pass.
const DefaultMinShare = 0.9

// Mutant is one mutant of solution.py and what the checker made of it.
type Mutant struct {
	ID      string  `json:"id"`     // "line:col:kind", e.g. "12:9:Lt->LtE"
	Line    int     `json:"line"`   // in solution.py
	Before  string  `json:"before"` // the code that was changed
	After   string  `json:"after"`  // what it became
	Status  string  `json:"status"` // killed, survived, timeout, crashed or error
	Test    string  `json:"test"`   // the first test that failed, if killed
	Message string  `json:"message"`
	Ms      float64 `json:"ms"`
}

// Killed reports whether the checker rejected the mutant (a failed test, a
// timeout or a crash are what a learner would see as a failed check).
func (m *Mutant) Killed() bool {
	return m.Status == "killed" || m.Status == "timeout" || m.Status == "crashed"
}

// Describe is the mutant as one readable line.
func (m *Mutant) Describe() string {
	return fmt.Sprintf("line %d: %s → %s", m.Line, m.Before, m.After)
}

// MutantRun is what mutants.py reports for one exercise.
type MutantRun struct {
	Exercise   string    `json:"exercise"`
	Error      string    `json:"error"` // the run could not start (solution fails, no module)
	BaselineMs float64   `json:"baseline_ms"`
	TimeoutS   float64   `json:"timeout_s"`
	Mutants    []*Mutant `json:"mutants"`
}

// Equivalent is one line of an EquivalentFile.
type Equivalent struct {
	ID     string
	Reason string
	Line   int
}

// ParseEquivalent reads an EquivalentFile. Each problem (a line without a
// reason, an id that is not line:col:kind, an id marked twice) is returned
// as "file:line: message".
func ParseEquivalent(file string, data []byte) ([]Equivalent, []string) {
	var out []Equivalent
	var problems []string
	seen := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, reason, _ := strings.Cut(line, " ")
		if i := strings.IndexByte(id, '\t'); i >= 0 {
			id, reason = id[:i], id[i+1:]+" "+reason
		}
		reason = strings.TrimSpace(reason)
		bad := func(format string, args ...any) {
			problems = append(problems, fmt.Sprintf("%s:%d: %s", file, n, fmt.Sprintf(format, args...)))
		}
		if !validMutantID(id) {
			bad("%q is not a mutant id (line:col:kind, as course test --mutants lists them)", id)
			continue
		}
		if reason == "" {
			bad("mutant %s is marked equivalent without a reason; say why no test can tell it from the solution", id)
			continue
		}
		if first, dup := seen[id]; dup {
			bad("mutant %s is marked twice (first at line %d)", id, first)
			continue
		}
		seen[id] = n
		out = append(out, Equivalent{ID: id, Reason: reason, Line: n})
	}
	return out, problems
}

func validMutantID(id string) bool {
	parts := strings.SplitN(id, ":", 3)
	if len(parts) != 3 || parts[2] == "" {
		return false
	}
	for _, p := range parts[:2] {
		if n, err := strconv.Atoi(p); err != nil || n < 1 {
			return false
		}
	}
	return true
}

// MutationResult is one exercise's verdict.
type MutationResult struct {
	Exercise   *Exercise
	Run        *MutantRun
	Err        error // mutants.py could not run
	Killed     int
	Equivalent int // surviving mutants marked in EquivalentFile
	Survivors  []*Mutant
	Problems   []string // broken or stale marks, a solution that fails
	Duration   time.Duration
}

// Total is the number of mutants.
func (r *MutationResult) Total() int {
	if r.Run == nil {
		return 0
	}
	return len(r.Run.Mutants)
}

// Share is the killed share of the mutants not marked equivalent (1 when
// there are none).
func (r *MutationResult) Share() float64 {
	n := r.Total() - r.Equivalent
	if n <= 0 {
		return 1
	}
	return float64(r.Killed) / float64(n)
}

// OK reports whether the exercise reaches min with no problem.
func (r *MutationResult) OK(min float64) bool {
	return r.Err == nil && len(r.Problems) == 0 && r.Share() >= min
}

// Judge counts run's mutants against the marks in equivalent (the file's
// contents, nil when there is none).
func Judge(e *Exercise, run *MutantRun, equivalent []byte) *MutationResult {
	res := &MutationResult{Exercise: e, Run: run}
	if run.Error != "" {
		res.Problems = append(res.Problems, run.Error)
	}
	file := e.Dir + "/" + EquivalentFile
	marks, problems := ParseEquivalent(file, equivalent)
	res.Problems = append(res.Problems, problems...)
	marked := map[string]Equivalent{}
	for _, m := range marks {
		marked[m.ID] = m
	}
	used := map[string]bool{}
	for _, m := range run.Mutants {
		mark, isMarked := marked[m.ID]
		if isMarked {
			used[m.ID] = true
		}
		switch {
		case m.Killed():
			res.Killed++
			if isMarked {
				res.Problems = append(res.Problems, fmt.Sprintf("%s:%d: mutant %s is marked equivalent, but the checker kills it (%s); remove the mark",
					file, mark.Line, m.ID, m.Test))
			}
		case isMarked:
			res.Equivalent++
		default:
			res.Survivors = append(res.Survivors, m)
		}
	}
	if run.Error == "" {
		for _, m := range marks {
			if !used[m.ID] {
				res.Problems = append(res.Problems, fmt.Sprintf("%s:%d: mutant %s no longer exists (solution.py changed); remove the mark or mark the mutant's new id",
					file, m.Line, m.ID))
			}
		}
	}
	return res
}

// Mutants runs mutation testing on e with jobs mutants at a time and judges
// the result against e's EquivalentFile. The runner's Python must have what
// e requires.
func (r *Runner) Mutants(ctx context.Context, e *Exercise, jobs int) *MutationResult {
	start := time.Now()
	run, err := r.runMutants(ctx, e, jobs)
	if err != nil {
		return &MutationResult{Exercise: e, Err: err, Duration: time.Since(start)}
	}
	equivalent, err := fs.ReadFile(r.FS, e.Dir+"/"+EquivalentFile)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return &MutationResult{Exercise: e, Err: err, Duration: time.Since(start)}
	}
	res := Judge(e, run, equivalent)
	res.Duration = time.Since(start)
	return res
}

func (r *Runner) runMutants(ctx context.Context, e *Exercise, jobs int) (*MutantRun, error) {
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	dir, err := os.MkdirTemp(r.TempDir, "course-mutants-")
	if err != nil {
		return nil, err
	}
	defer removeAll(dir)
	if err := r.prepare(dir, e, Submission{Source: e.Solution}); err != nil {
		return nil, err
	}
	lib, err := fs.ReadFile(r.FS, LibDir+"/mutants.py")
	if err != nil {
		return nil, fmt.Errorf("cannot read %s/mutants.py: %w", LibDir, err)
	}
	if err := os.WriteFile(dir+"/_lib/mutants.py", lib, 0o644); err != nil {
		return nil, err
	}
	cmd := exec.Command(r.Python, "-B", "-X", "utf8", "_lib/mutants.py",
		"--exercise", e.ID, "--functions", strings.Join(e.Functions, ","),
		"--requires", strings.Join(e.Requires, ","), "--jobs", strconv.Itoa(jobs),
		"--timeout", strconv.FormatFloat(e.Timeout.Seconds(), 'f', -1, 64))
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, limitWriter(&stderr, 64<<10)
	cmd.WaitDelay = time.Second
	group, err := startGroup(cmd)
	if err != nil {
		return nil, &HarnessError{Program: r.Python, Status: -1, Reason: err.Error()}
	}
	defer group.release()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var waitErr error
	select {
	case waitErr = <-done:
	case <-ctx.Done():
		group.kill()
		<-done
		return nil, ctx.Err()
	}
	group.kill() // mutants left running
	var run MutantRun
	line := bytes.TrimSpace(stdout.Bytes())
	if i := bytes.LastIndexByte(line, '\n'); i >= 0 {
		line = line[i+1:]
	}
	if err := json.Unmarshal(line, &run); err != nil {
		status := -1
		var ee *exec.ExitError
		if waitErr == nil {
			status = 0
		} else if errors.As(waitErr, &ee) && ee.Exited() {
			status = ee.ExitCode()
		}
		return nil, &HarnessError{Program: r.Python, Status: status, Reason: "mutants.py ended without a result",
			Stderr: lastBytes(stderr.Bytes(), 8<<10)}
	}
	return &run, nil
}

type capped struct {
	w    io.Writer
	left int
}

func limitWriter(w io.Writer, n int) io.Writer { return &capped{w, n} }

func (c *capped) Write(p []byte) (int, error) {
	if c.left > 0 {
		k := min(len(p), c.left)
		c.w.Write(p[:k])
		c.left -= k
	}
	return len(p), nil
}

// WriteMutationTable writes one row per exercise, then each exercise's
// surviving mutants and problems, then the total.
func WriteMutationTable(w io.Writer, results []*MutationResult, minShare float64) {
	width := len("exercise")
	for _, r := range results {
		width = max(width, len(r.Exercise.ID))
	}
	fmt.Fprintf(w, "%-*s %7s %6s %5s %6s %8s  %s\n", width, "exercise", "mutants", "killed", "equiv", "share", "time", "result")
	killed, counted := 0, 0
	for _, r := range results {
		result := "ok"
		switch {
		case r.Err != nil:
			result = "error"
		case len(r.Problems) > 0:
			result = fmt.Sprintf("%d problem%s", len(r.Problems), plural(len(r.Problems)))
		case r.Share() < minShare:
			result = fmt.Sprintf("below %.0f%%", minShare*100)
		}
		share := "-"
		if r.Err == nil && r.Run != nil && r.Run.Error == "" {
			share = fmt.Sprintf("%.1f%%", r.Share()*100)
			killed += r.Killed
			counted += r.Total() - r.Equivalent
		}
		fmt.Fprintf(w, "%-*s %7d %6d %5d %6s %8s  %s\n", width, r.Exercise.ID, r.Total(), r.Killed, r.Equivalent, share,
			r.Duration.Round(10*time.Millisecond), result)
	}
	for _, r := range results {
		if r.Err != nil {
			fmt.Fprintf(w, "\n%s: %v\n", r.Exercise.Dir, r.Err)
		}
		for _, p := range r.Problems {
			fmt.Fprintf(w, "\n%s\n", p)
		}
		if len(r.Survivors) > 0 {
			fmt.Fprintf(w, "\n%s: %d surviving mutant%s of solution.py (add a test that fails on each, or mark it in %s with the reason):\n",
				r.Exercise.ID, len(r.Survivors), plural(len(r.Survivors)), r.Exercise.Dir+"/"+EquivalentFile)
			sort.SliceStable(r.Survivors, func(i, j int) bool { return r.Survivors[i].Line < r.Survivors[j].Line })
			for _, m := range r.Survivors {
				fmt.Fprintf(w, "  %-22s %s\n", m.ID, m.Describe())
			}
		}
	}
	share := 1.0
	if counted > 0 {
		share = float64(killed) / float64(counted)
	}
	fmt.Fprintf(w, "\noverall: %d of %d mutants killed (%.1f%%), not counting those marked equivalent\n", killed, counted, share*100)
}
