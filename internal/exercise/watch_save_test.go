package exercise

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNotifierSeesEverySaveStyle saves a file the ways editors do and
// expects the notifier to name it each time.
func TestNotifierSeesEverySaveStyle(t *testing.T) {
	n, err := NewNotifier()
	if err != nil {
		t.Skipf("no fsnotify here: %v", err)
	}
	defer n.Close()
	dir := t.TempDir()
	file := filepath.Join(dir, "a.py")
	if err := os.WriteFile(file, []byte("x = 0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := n.Add(dir); err != nil {
		t.Fatal(err)
	}
	write := func(p, s string) error { return os.WriteFile(p, []byte(s), 0o644) }
	for _, c := range []struct {
		name string
		save func() error
	}{
		{"in place", func() error { return write(file, "x = 1\n") }},
		{"write another file, rename it over (atomic save)", func() error {
			tmp := filepath.Join(dir, "a.py.tmp")
			if err := write(tmp, "x = 2\n"); err != nil {
				return err
			}
			return os.Rename(tmp, file)
		}},
		{"rename the old file away, write a new one (Vim's backup)", func() error {
			if err := os.Rename(file, file+"~"); err != nil {
				return err
			}
			return write(file, "x = 3\n")
		}},
		{"remove, then create", func() error {
			if err := os.Remove(file); err != nil {
				return err
			}
			return write(file, "x = 4\n")
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			drain(n.Changes, 50*time.Millisecond)
			if err := c.save(); err != nil {
				t.Fatal(err)
			}
			deadline := time.After(5 * time.Second)
			for {
				select {
				case got := <-n.Changes:
					if samePath(got, file) {
						return
					}
				case <-deadline:
					t.Fatalf("no change reported for %s", file)
				}
			}
		})
	}
}

// drain empties ch until nothing has come for quiet.
func drain(ch <-chan string, quiet time.Duration) {
	for {
		select {
		case <-ch:
		case <-time.After(quiet):
			return
		}
	}
}

// TestWatchWaitsForAFileThatIsGone: a change that leaves no file (an
// editor's save by rename half done, or a deletion) checks nothing; the
// next change that leaves one checks it.
func TestWatchWaitsForAFileThatIsGone(t *testing.T) {
	w := workspace(t)
	// Unbuffered: a send returns only once the loop has taken the change,
	// and the loop takes the next line of input only after it has dealt
	// with that change, so the test waits for the loop, never for a time.
	changes := make(chan string)
	input := make(chan string)
	out := &syncBuffer{}
	l := &Loop{W: w, Queue: w.Set.Exercises[:1], Out: out, Changes: changes, Input: input, Quiet: time.Millisecond,
		Watch: func(string) error { return nil }}
	done := make(chan error, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { done <- l.Run(ctx) }()

	e := w.Set.Get("demo/double")
	waitFor(t, out, "h: hint", 1)
	if !strings.Contains(out.String(), "copied the starter to "+filepath.FromSlash("workspace/demo/double.py")) {
		t.Errorf("the start message does not name the file with the OS's separators:\n%s", out.String())
	}
	if err := os.Rename(w.File(e), w.File(e)+"~"); err != nil {
		t.Fatal(err)
	}
	changes <- w.File(e)
	input <- "?" // answered once the loop has settled and found no file
	waitFor(t, out, "Commands: h (hint)", 1)
	if n := strings.Count(out.String(), "── demo/double"); n != 1 {
		t.Fatalf("checked %d times, want once (a missing file is not checked):\n%s", n, out.String())
	}
	os.WriteFile(w.File(e), []byte(doubleOK), 0o644)
	changes <- w.File(e)
	waitFor(t, out, "✓ demo/double: every test passes.", 1)
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the loop did not end")
	}
}
