package exercise

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// WorkspaceDir is the git-ignored folder, below the project root, that
// holds the learner's files: workspace/<id>.py (workspace/loss-functions/mse.py).
const WorkspaceDir = "workspace"

// ProgressFile is the learner's progress, below the project root.
const ProgressFile = WorkspaceDir + "/.progress.json"

// Progress is the learner's progress, stored as JSON in ProgressFile:
//
//	{
//	  "version": 1,
//	  "current": "loss-functions/mse",        // the exercise started or checked last
//	  "exercises": {
//	    "loss-functions/mse": {
//	      "started": "2025-01-02T10:00:00Z",  // when `course start` copied the starter
//	      "attempts": 3,                      // checks of the workspace file that produced a report
//	      "passed": true,                     // the last of them passed every test
//	      "ever_passed": true,                // some check passed every test
//	      "last_status": "pass",              // the last report's status
//	      "last_file_sha256": "…",            // the workspace file that check read
//	      "last_passed": 7, "last_total": 7,  // its test counts
//	      "last_check": "2025-01-02T10:20:00Z",
//	      "hints": 1,                         // hints revealed so far
//	      "solution_seen": false
//	    }
//	  }
//	}
type Progress struct {
	Version   int                          `json:"version"`
	Current   string                       `json:"current,omitempty"`
	Exercises map[string]*ExerciseProgress `json:"exercises"`
}

// ExerciseProgress is the learner's progress on one exercise.
type ExerciseProgress struct {
	Started      *time.Time `json:"started,omitempty"`
	Attempts     int        `json:"attempts"`
	Passed       bool       `json:"passed"`
	EverPassed   bool       `json:"ever_passed,omitempty"`
	LastStatus   string     `json:"last_status,omitempty"`
	LastFile     string     `json:"last_file_sha256,omitempty"`
	LastPassed   int        `json:"last_passed"`
	LastTotal    int        `json:"last_total"`
	LastCheck    *time.Time `json:"last_check,omitempty"`
	Hints        int        `json:"hints"`
	SolutionSeen bool       `json:"solution_seen"`
}

// Of returns the progress of exercise id, creating it.
func (p *Progress) Of(id string) *ExerciseProgress {
	if p.Exercises == nil {
		p.Exercises = map[string]*ExerciseProgress{}
	}
	ep := p.Exercises[id]
	if ep == nil {
		ep = &ExerciseProgress{}
		p.Exercises[id] = ep
	}
	return ep
}

// Record notes a check's report of the learner's workspace file, whose
// contents hash to sum (fileSum): the last check decides whether the
// exercise is passed.
func (p *Progress) Record(id string, r *Report, now time.Time, sum string) {
	ep := p.Of(id)
	ep.Attempts++
	ep.LastStatus = r.Status
	ep.LastPassed, ep.LastTotal = r.Summary.Passed, r.Summary.Total
	t := now.UTC().Truncate(time.Second)
	ep.LastCheck = &t
	ep.Passed = r.Passed()
	ep.EverPassed = ep.EverPassed || ep.Passed
	ep.LastFile = sum
	p.Current = id
}

func fileSum(src []byte) string {
	s := sha256.Sum256(src)
	return hex.EncodeToString(s[:])
}

// State is where the learner stands on an exercise, from their progress
// and their workspace file as it is now.
type State int

const (
	NotStarted State = iota // no workspace file
	Unchecked               // a workspace file, never checked
	Failing                 // the last check failed
	FailingNow              // the last check failed; an earlier one passed
	Edited                  // the last check passed, but the file changed since
	Done                    // the last check passed and the file is the one it checked
)

// State returns e's state: Done only when the last check of the workspace
// file passed and the file is unchanged since.
func (w *Workspace) State(p *Progress, e *Exercise) State {
	src, err := os.ReadFile(w.File(e))
	if err != nil {
		return NotStarted
	}
	ep := p.Exercises[e.ID]
	switch {
	case ep == nil || ep.Attempts == 0:
		return Unchecked
	case ep.Passed && ep.LastFile == fileSum(src):
		return Done
	case ep.Passed:
		return Edited
	case ep.EverPassed:
		return FailingNow
	}
	return Failing
}

// Done counts the exercises of exs whose state is Done.
func (w *Workspace) Done(p *Progress, exs []*Exercise) int {
	n := 0
	for _, e := range exs {
		if w.State(p, e) == Done {
			n++
		}
	}
	return n
}

// Workspace is the learner's side of a project on disk: their files under
// workspace/ and their progress.
type Workspace struct {
	Root   string // the project root
	Set    *Set
	Finder *Finder
	Runner Runner           // a template: Python and FS are set for each check
	Now    func() time.Time // nil means time.Now
}

func (w *Workspace) now() time.Time {
	if w.Now != nil {
		return w.Now()
	}
	return time.Now()
}

// Rel returns the learner's file for e, relative to the project root.
func (w *Workspace) Rel(e *Exercise) string { return WorkspaceDir + "/" + e.ID + ".py" }

// File returns the learner's file for e.
func (w *Workspace) File(e *Exercise) string {
	return filepath.Join(w.Root, filepath.FromSlash(w.Rel(e)))
}

// Started reports whether the learner's file for e exists.
func (w *Workspace) Started(e *Exercise) bool {
	_, err := os.Stat(w.File(e))
	return err == nil
}

// LoadProgress reads the progress file; a missing file is empty progress.
func (w *Workspace) LoadProgress() (*Progress, error) {
	p := &Progress{Version: 1, Exercises: map[string]*ExerciseProgress{}}
	data, err := os.ReadFile(filepath.Join(w.Root, ProgressFile))
	if errors.Is(err, fs.ErrNotExist) {
		return p, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, p); err != nil {
		return nil, fmt.Errorf("%s: %v (delete the file to start your progress afresh)", ProgressFile, err)
	}
	if p.Exercises == nil {
		p.Exercises = map[string]*ExerciseProgress{}
	}
	for _, ep := range p.Exercises {
		// Files written before "passed" meant the last check: a pass
		// followed by failures was still "passed".
		if ep != nil && ep.Passed && ep.LastStatus != "" && ep.LastStatus != StatusPass {
			ep.Passed, ep.EverPassed = false, true
		}
	}
	return p, nil
}

// SaveProgress writes the progress file atomically.
func (w *Workspace) SaveProgress(p *Progress) error {
	p.Version = 1
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(w.Root, ProgressFile), append(data, '\n'))
}

// Update loads the progress, applies f and saves it.
func (w *Workspace) Update(f func(p *Progress)) error {
	p, err := w.LoadProgress()
	if err != nil {
		return err
	}
	f(p)
	return w.SaveProgress(p)
}

func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
	}
	return werr
}

// ErrStarted says that the learner's file already exists.
var ErrStarted = errors.New("already started")

// Start copies e's starter to the learner's file (refusing to overwrite it
// unless force, which first keeps the old file as <file>.bak) and makes e
// the current exercise.
func (w *Workspace) Start(e *Exercise, force bool) error {
	file := w.File(e)
	if _, err := os.Stat(file); err == nil {
		if !force {
			return ErrStarted
		}
		if err := os.Rename(file, file+".bak"); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(file, e.Starter, 0o644); err != nil {
		return err
	}
	return w.Update(func(p *Progress) {
		t := w.now().UTC().Truncate(time.Second)
		p.Of(e.ID).Started = &t
		p.Current = e.ID
	})
}

// NotStartedError says that the learner has no file for an exercise yet.
type NotStartedError struct{ Exercise *Exercise }

func (e *NotStartedError) Error() string {
	return fmt.Sprintf("%s is not started: run `course start %s` first", e.Exercise.ID, e.Exercise.ID)
}

// Check runs e's checker on file (the learner's workspace file when empty;
// relative paths are relative to the current folder). A check of the
// workspace file is recorded in the progress; a check of any other file
// (a solution, a copy) is not: progress reflects the learner's file. The
// error is set-up trouble: a missing file, no suitable Python, a checker
// that could not run.
func (w *Workspace) Check(ctx context.Context, e *Exercise, file string) (*Report, error) {
	name := file
	if w.IsFile(e, file) {
		file, name = w.File(e), w.Rel(e)
	}
	src, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) && name == w.Rel(e) {
		return nil, &NotStartedError{Exercise: e}
	}
	if err != nil {
		return nil, err
	}
	py, err := w.Finder.For(ctx, e.Requires)
	if err != nil {
		return nil, err
	}
	r := w.Runner
	r.Python, r.FS = py.Exe(), w.Set.FS
	rep, err := r.Run(ctx, e, Submission{Source: src, Name: name})
	if err != nil {
		return nil, err
	}
	if rep.Status == StatusError {
		return rep, fmt.Errorf("the checker could not run (a problem with the exercise or your Python, not your code):\n%s", indent(rep.Error, "  "))
	}
	if name != w.Rel(e) {
		return rep, nil
	}
	if err := w.Update(func(p *Progress) { p.Record(e.ID, rep, w.now(), fileSum(src)) }); err != nil {
		return rep, fmt.Errorf("cannot save your progress: %w", err)
	}
	return rep, nil
}

// IsFile reports whether file (relative to the current folder; "" for
// the default) is the learner's workspace file for e.
func (w *Workspace) IsFile(e *Exercise, file string) bool {
	return file == "" || samePath(absPath(file), w.File(e))
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// NextHint reveals one more hint of e (if any is left) and returns the
// hints revealed so far.
func (w *Workspace) NextHint(e *Exercise) ([]string, error) {
	var n int
	err := w.Update(func(p *Progress) {
		ep := p.Of(e.ID)
		if ep.Hints < len(e.Hints) {
			ep.Hints++
		}
		n = ep.Hints
	})
	if err != nil {
		return nil, err
	}
	return e.Hints[:n], nil
}

// ErrNoAttempt says that the learner asked for a solution before checking once.
var ErrNoAttempt = errors.New("no attempt yet")

// Solution returns e's reference solution once the learner has checked at
// least once, and records that they saw it.
func (w *Workspace) Solution(e *Exercise) ([]byte, error) {
	p, err := w.LoadProgress()
	if err != nil {
		return nil, err
	}
	if p.Of(e.ID).Attempts == 0 {
		return nil, ErrNoAttempt
	}
	p.Of(e.ID).SolutionSeen = true
	return e.Solution, w.SaveProgress(p)
}

// Bar draws a progress bar of width cells: "[######------] 2/4".
func Bar(done, total, width int) string {
	filled := 0
	if total > 0 {
		filled = done * width / total
	}
	return fmt.Sprintf("[%s%s] %d/%d", strings.Repeat("#", filled), strings.Repeat("-", width-filled), done, total)
}
