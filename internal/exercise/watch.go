package exercise

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Loop drives `course watch`, as rustlings does: it checks the current
// exercise (the first of Queue not yet passed), checks it again every time
// the learner saves their file, and moves to the next exercise — starting it
// from its starter when needed — once every test passes. A line typed by
// the learner is a command: h (next hint), n (skip to the next exercise),
// c or an empty line (check again), q (quit).
type Loop struct {
	W     *Workspace
	Queue []*Exercise
	Out   io.Writer
	// Watch starts watching a folder; Changes carries the paths of files
	// written or created there (see NewNotifier).
	Watch   func(dir string) error
	Changes <-chan string
	Input   <-chan string // nil: no commands
	Quiet   time.Duration // wait for more saves before checking; 0 means 100 ms
}

// Run watches until every exercise of the queue passes, the learner quits,
// or ctx ends. The error is set-up trouble (no Python, a broken checker).
func (l *Loop) Run(ctx context.Context) error {
	p, err := l.W.LoadProgress()
	if err != nil {
		return err
	}
	i := l.first(p)
	for i < len(l.Queue) {
		e := l.Queue[i]
		if !l.W.Started(e) {
			if err := l.W.Start(e, false); err != nil && !errors.Is(err, ErrStarted) {
				return err
			}
			fmt.Fprintf(l.Out, "\nStarted %s: copied the starter to %s\n", e.ID, filepath.FromSlash(l.W.Rel(e)))
		}
		if err := l.Watch(filepath.Dir(l.W.File(e))); err != nil {
			return fmt.Errorf("cannot watch %s: %w", filepath.Dir(filepath.FromSlash(l.W.Rel(e))), err)
		}
		next, err := l.one(ctx, i)
		if err != nil || next < 0 {
			return err
		}
		i = next
	}
	if p, err = l.W.LoadProgress(); err != nil {
		return err
	}
	done := l.W.Done(p, l.Queue)
	if done == len(l.Queue) {
		fmt.Fprintf(l.Out, "\nEvery exercise passes. %s\n", Bar(done, len(l.Queue), 30))
	} else {
		fmt.Fprintf(l.Out, "\nThat was the last exercise; %s pass (`course progress` lists them).\n", Bar(done, len(l.Queue), 30))
	}
	return nil
}

// first returns the index of the exercise to work on: the current one, or
// the first, that is not Done (its last check failed, or its file changed
// since the check that passed, so it is checked again).
func (l *Loop) first(p *Progress) int {
	for i, e := range l.Queue {
		if e.ID == p.Current && l.W.State(p, e) != Done {
			return i
		}
	}
	for i, e := range l.Queue {
		if l.W.State(p, e) != Done {
			return i
		}
	}
	return len(l.Queue)
}

// one works on exercise i until it passes (returns the next index), the
// learner skips it, or quits (returns -1).
func (l *Loop) one(ctx context.Context, i int) (int, error) {
	e := l.Queue[i]
	file, _ := filepath.Abs(l.W.File(e))
	quiet := l.Quiet
	if quiet <= 0 {
		quiet = 100 * time.Millisecond
	}
	check := func() (bool, error) {
		fmt.Fprintf(l.Out, "\n── %s: %s (%d of %d) %s\n", e.ID, e.Title, i+1, len(l.Queue), strings.Repeat("─", 20))
		rep, err := l.W.Check(ctx, e, "")
		if err != nil {
			if ctx.Err() != nil {
				return false, nil
			}
			var np *NoPythonError
			if errors.As(err, &np) {
				return false, err
			}
			fmt.Fprintf(l.Out, "%v\n", err) // a broken checker: keep watching for a fix
			return false, nil
		}
		rep.Render(l.Out)
		p, err := l.W.LoadProgress()
		if err != nil {
			return false, err
		}
		fmt.Fprintf(l.Out, "\nProgress %s\n", Bar(l.W.Done(p, l.Queue), len(l.Queue), 30))
		if rep.Passed() {
			fmt.Fprintf(l.Out, "✓ %s: every test passes.\n", e.ID)
			return true, nil
		}
		fmt.Fprintf(l.Out, "Edit %s and save to check again.  h: hint  n: next exercise  c: check  q: quit\n", filepath.FromSlash(l.W.Rel(e)))
		return false, nil
	}
	passed, err := check()
	for !passed && err == nil {
		select {
		case <-ctx.Done():
			return -1, nil
		case path, ok := <-l.Changes:
			if !ok {
				return -1, nil
			}
			if !samePath(path, file) {
				continue
			}
			l.settle(ctx, quiet)
			if _, serr := os.Stat(file); serr != nil {
				continue // removed, or an editor's save by rename is not done: its Create comes next
			}
			passed, err = check()
		case line, ok := <-l.Input:
			if !ok {
				l.Input = nil
				continue
			}
			switch strings.TrimSpace(strings.ToLower(line)) {
			case "q", "quit", "exit":
				return -1, nil
			case "n", "next":
				return i + 1, nil
			case "h", "hint":
				hints, herr := l.W.NextHint(e)
				if herr != nil {
					return -1, herr
				}
				fmt.Fprintf(l.Out, "Hint %d of %d: %s\n", len(hints), len(e.Hints), hints[len(hints)-1])
				if len(hints) == len(e.Hints) {
					fmt.Fprintf(l.Out, "That was the last hint; `course solution %s` shows the reference solution.\n", e.ID)
				}
			case "", "c", "check":
				passed, err = check()
			default:
				fmt.Fprintln(l.Out, "Commands: h (hint), n (next exercise), c (check again), q (quit).")
			}
		}
	}
	if err != nil {
		return -1, err
	}
	return i + 1, nil
}

// settle waits until no change has arrived for quiet (an editor's save is
// often several events).
func (l *Loop) settle(ctx context.Context, quiet time.Duration) {
	t := time.NewTimer(quiet)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			return
		case <-l.Changes:
			t.Reset(quiet)
		}
	}
}

func samePath(a, b string) bool {
	a, b = filepath.Clean(a), filepath.Clean(b)
	if a == b || (runtime.GOOS == "windows" && strings.EqualFold(a, b)) {
		return true
	}
	ra, err1 := filepath.EvalSymlinks(a)
	rb, err2 := filepath.EvalSymlinks(b)
	return err1 == nil && err2 == nil && ra == rb
}

// Notifier watches folders with fsnotify and sends the absolute path of
// every file created, written, renamed or removed there. Editors save in
// different ways: in place (Write), or by writing another file and renaming
// it over the learner's (Create on Linux and Windows; on macOS, kqueue may
// report only the old file's Remove or Rename), or by renaming the old file
// away first (Rename, then Create). Loop checks the file once the events
// stop, if it exists.
type Notifier struct {
	w       *fsnotify.Watcher
	Changes chan string
	Errors  chan error
}

// NewNotifier starts a notifier; Close stops it.
func NewNotifier() (*Notifier, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	n := &Notifier{w: w, Changes: make(chan string, 64), Errors: make(chan error, 1)}
	go func() {
		defer close(n.Changes)
		for {
			select {
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if ev.Op&(fsnotify.Write|fsnotify.Create|fsnotify.Rename|fsnotify.Remove) != 0 {
					abs, _ := filepath.Abs(ev.Name)
					select {
					case n.Changes <- abs:
					default: // the loop is busy checking; it will see the file as saved
					}
				}
			case err, ok := <-w.Errors:
				if !ok {
					return
				}
				select {
				case n.Errors <- err:
				default:
				}
			}
		}
	}()
	return n, nil
}

// Add watches dir (not recursively); adding a folder twice is harmless.
func (n *Notifier) Add(dir string) error { return n.w.Add(dir) }

// Close stops watching.
func (n *Notifier) Close() error { return n.w.Close() }
