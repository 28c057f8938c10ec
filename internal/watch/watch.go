// Package watch tells `course serve` when the course's sources change.
//
// A [Watcher] watches, under a project root, the folders content/,
// exercises/ and themes/ (recursively, each when present) and the file
// course.toml, and sends a [Batch] of changes on Batches:
//
//   - New folders are watched as they appear; files already inside a new
//     folder (created before its watch was in place) are reported as
//     created. Deleted and renamed folders stop being watched.
//   - Editors' temporary and swap files are ignored (see [Ignored]): vim's
//     .swp files, 4913 probe and ~ backups, Emacs' .#lock and #autosave#,
//     JetBrains' ___jb_tmp___ and ___jb_old___, *.tmp, .DS_Store.
//   - Events are batched: a batch is sent once no event has arrived for the
//     quiet window (Options.Quiet, 10 ms by default, measured from the last
//     event; Options.Quick, 2 ms, when no path in the batch was last
//     removed or renamed away, as after any editor's save), or once the first event of
//     the batch is Options.MaxWait old (200 ms by default), so that a
//     constant stream still rebuilds. An editor's write-temp-then-rename
//     save or a git checkout of many files
//     arrives as one batch. A file created and removed (or renamed away)
//     within a batch, such as sed -i's temporary file, is left out. Changes
//     that arrive while the receiver is busy (rebuilding) join the batch
//     that waits for it.
//   - With Options.Poll > 0 the watcher polls instead (network drives, some
//     containers): every interval it compares the size, modification time
//     and kind of every watched file with the previous scan.
//
// The root folder itself is watched without recursion, only to see
// course.toml and the three folders appear, be replaced or go away: the
// build's cache (.course-cache/) and public/ are never reported.
//
// Each change is classified by where it happened (see [Kind]), so that the
// receiver can tell a content edit from a theme or configuration change.
package watch

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mlcourse/course/internal/content"
)

// Kind says what a change touches.
type Kind uint8

const (
	Content  Kind = 1 << iota // content/
	Exercise                  // exercises/
	Theme                     // themes/
	Config                    // course.toml
)

func (k Kind) String() string {
	var names []string
	for _, n := range []struct {
		k    Kind
		name string
	}{{Content, "content"}, {Exercise, "exercise"}, {Theme, "theme"}, {Config, "config"}} {
		if k&n.k != 0 {
			names = append(names, n.name)
		}
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, "+")
}

// Op is what happened to a path.
type Op uint8

const (
	Create Op = 1 << iota
	Write
	Remove // removed, or renamed away
)

func (o Op) String() string {
	var names []string
	for _, n := range []struct {
		o    Op
		name string
	}{{Create, "create"}, {Write, "write"}, {Remove, "remove"}} {
		if o&n.o != 0 {
			names = append(names, n.name)
		}
	}
	return strings.Join(names, "|")
}

// Change is one path that changed, relative to the root and
// slash-separated. When a folder appears or goes away it is one change,
// plus (on appearance) one per file found inside.
type Change struct {
	Path string
	Kind Kind
	Op   Op // every operation seen on Path in the batch
}

// Batch is the changes of one burst, one per path, sorted by path.
type Batch struct {
	Changes []Change
	Kinds   Kind // the union of the changes' kinds
	// Rescan is set when events were lost (the OS queue overflowed): the
	// receiver should assume anything may have changed.
	Rescan bool
}

// Has reports whether the batch touches k.
func (b Batch) Has(k Kind) bool { return b.Kinds&k != 0 }

// Paths returns the changed paths.
func (b Batch) Paths() []string {
	out := make([]string, len(b.Changes))
	for i, c := range b.Changes {
		out[i] = c.Path
	}
	return out
}

// Watched are the names under the root that are watched; everything else
// at the root is not.
var Watched = map[string]Kind{"content": Content, "exercises": Exercise, "themes": Theme, "course.toml": Config}

// Classify returns the kind of a slash-separated path relative to the
// root, or 0 when it is not watched.
func Classify(rel string) Kind {
	top, _, _ := strings.Cut(rel, "/")
	k := Watched[top]
	if k == Config && rel != "course.toml" {
		return 0
	}
	return k
}

// Ignored reports whether a file name (its last element) is an editor's
// temporary, swap or backup file, a hidden or a system file: never worth a
// rebuild. It is content.Ignored, so that the watcher and the loader agree
// on what is part of a course.
func Ignored(name string) bool {
	return content.Ignored(path.Base(filepath.ToSlash(name)))
}

// Options configure a Watcher.
type Options struct {
	Root  string        // the project root (holds course.toml)
	Quiet time.Duration // quiet window closing a batch; 10 ms when zero
	// Quick is the quiet window of a batch in which no path was last
	// removed or renamed away: a file written in place or renamed into
	// place is complete, while a path that is gone may be the middle of a
	// save in several steps (vim renames the file away and writes it anew;
	// an IDE swaps it with a temporary one). 2 ms when zero; negative:
	// Quiet for every batch.
	Quick   time.Duration
	MaxWait time.Duration // age at which a batch is sent anyway; 200 ms when zero
	Poll    time.Duration // > 0: poll at this interval instead of using OS events
}

// DefaultQuiet and DefaultMaxWait are the batching defaults.
const (
	DefaultQuiet   = 10 * time.Millisecond
	DefaultQuick   = 2 * time.Millisecond
	DefaultMaxWait = 200 * time.Millisecond
)

// Watcher watches one project. Create it with New, receive from Batches,
// and Close it when done.
type Watcher struct {
	root    string
	batches chan Batch
	errs    chan error
	done    chan struct{}
	wg      sync.WaitGroup
	close   func() error
	once    sync.Once
}

// New starts watching opts.Root.
func New(opts Options) (*Watcher, error) {
	root, err := filepath.Abs(opts.Root)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(root); err != nil {
		return nil, err
	} else if !st.IsDir() {
		return nil, errors.New(opts.Root + " is not a folder")
	}
	if opts.Quiet <= 0 {
		opts.Quiet = DefaultQuiet
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = DefaultMaxWait
	}
	switch {
	case opts.Quick == 0:
		opts.Quick = min(DefaultQuick, opts.Quiet)
	case opts.Quick < 0:
		opts.Quick = opts.Quiet
	}
	w := &Watcher{
		root:    root,
		batches: make(chan Batch),
		errs:    make(chan error, 8),
		done:    make(chan struct{}),
	}
	raw := make(chan []Change, 64)
	lost := make(chan struct{}, 1)
	if opts.Poll > 0 {
		p := newPoller(root)
		w.close = func() error { return nil }
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			p.run(opts.Poll, raw, w.done)
		}()
	} else {
		n, err := newNotifier(root, w.errs)
		if err != nil {
			return nil, err
		}
		w.close = n.fw.Close
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			n.run(raw, lost, w.done)
		}()
	}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		w.batch(raw, lost, NewBatcher(opts.Quiet, opts.MaxWait).WithQuick(opts.Quick))
	}()
	return w, nil
}

// Batches delivers one batch per burst of changes. It is closed by Close.
func (w *Watcher) Batches() <-chan Batch { return w.batches }

// Errors delivers problems the watcher ran into (a folder it could not
// watch, an OS error); it keeps watching. Reading it is optional.
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops watching and closes Batches. It is safe to call more than once.
func (w *Watcher) Close() error {
	var err error
	w.once.Do(func() {
		close(w.done)
		err = w.close()
		w.wg.Wait()
		close(w.batches)
	})
	return err
}

// batch runs the batcher: it collects changes, and offers the batch to the
// receiver once it is due, adding new changes to it while the receiver is
// busy.
func (w *Watcher) batch(raw <-chan []Change, lost <-chan struct{}, b *Batcher) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var ready *Batch
	for {
		var out chan Batch
		var send Batch
		if ready != nil {
			out, send = w.batches, *ready
		}
		select {
		case <-w.done:
			timer.Stop()
			return
		case cs := <-raw:
			now := time.Now()
			for _, c := range cs {
				if ready != nil {
					ready.merge(c)
				} else {
					b.Add(c, now)
				}
			}
			if ready == nil {
				if due, ok := b.Due(); ok {
					timer.Reset(due.Sub(now))
				}
			}
		case <-lost:
			if ready != nil {
				ready.Rescan = true
			} else {
				b.Rescan(time.Now())
				due, _ := b.Due()
				timer.Reset(time.Until(due))
			}
		case <-timer.C:
			if due, ok := b.Due(); ok {
				if now := time.Now(); now.Before(due) {
					timer.Reset(due.Sub(now))
					continue
				}
				bt := b.Flush()
				ready = &bt
			}
		case out <- send:
			ready = nil
		}
	}
}

// merge adds c to the batch, keeping it sorted and one change per path.
func (b *Batch) merge(c Change) {
	i, found := slices.BinarySearchFunc(b.Changes, c.Path, func(x Change, p string) int { return strings.Compare(x.Path, p) })
	if found {
		b.Changes[i].Op |= c.Op
	} else {
		b.Changes = slices.Insert(b.Changes, i, c)
	}
	b.Kinds |= c.Kind
}

// Batcher groups changes into batches by time. It holds no clock: callers
// pass the time of each change, which makes it testable without sleeping.
type Batcher struct {
	quiet, maxWait time.Duration
	quick          time.Duration // the quiet window when no path was last removed; quiet when not set
	pending        map[string]*pending
	rescan         bool
	first, last    time.Time
}

// NewBatcher returns a Batcher with the given quiet window and maximum wait.
func NewBatcher(quiet, maxWait time.Duration) *Batcher {
	return &Batcher{quiet: quiet, maxWait: maxWait, quick: quiet, pending: map[string]*pending{}}
}

// WithQuick sets the quiet window of a batch in which no path was last
// removed (see Options.Quick), at most the quiet window.
func (b *Batcher) WithQuick(quick time.Duration) *Batcher {
	b.quick = min(quick, b.quiet)
	return b
}

// pending is a change being batched, with the order of its operations.
type pending struct {
	Change
	born bool // the first operation created the path
	last Op   // the last operation
}

// Add records a change that happened at now. A path created and then
// removed within one batch (a temporary file) is left out of it.
func (b *Batcher) Add(c Change, now time.Time) {
	if p, ok := b.pending[c.Path]; ok {
		p.Op |= c.Op
		p.last = c.Op
	} else {
		b.pending[c.Path] = &pending{Change: c, born: c.Op == Create, last: c.Op}
	}
	b.touch(now)
}

// Rescan records that events were lost at now.
func (b *Batcher) Rescan(now time.Time) {
	b.rescan = true
	b.touch(now)
}

func (b *Batcher) touch(now time.Time) {
	if b.first.IsZero() {
		b.first = now
	}
	b.last = now
}

// Due returns when the pending batch should be sent: quiet after the last
// change, or maxWait after the first, whichever comes first. ok is false
// when nothing is pending.
func (b *Batcher) Due() (due time.Time, ok bool) {
	if b.first.IsZero() {
		return time.Time{}, false
	}
	window := b.quiet
	if b.quick < window && b.settled() {
		window = b.quick
	}
	due = b.last.Add(window)
	if limit := b.first.Add(b.maxWait); limit.Before(due) {
		due = limit
	}
	return due, true
}

// settled reports whether no pending path was last removed or renamed
// away, with no events lost.
func (b *Batcher) settled() bool {
	if b.rescan {
		return false
	}
	for _, p := range b.pending {
		if p.last == Remove {
			return false
		}
	}
	return true
}

// Flush returns the pending batch and starts a new one.
func (b *Batcher) Flush() Batch {
	bt := Batch{Rescan: b.rescan, Changes: make([]Change, 0, len(b.pending))}
	for _, c := range b.pending {
		if c.born && c.last == Remove {
			continue
		}
		bt.Changes = append(bt.Changes, c.Change)
		bt.Kinds |= c.Kind
	}
	slices.SortFunc(bt.Changes, func(x, y Change) int { return strings.Compare(x.Path, y.Path) })
	b.pending = map[string]*pending{}
	b.rescan = false
	b.first, b.last = time.Time{}, time.Time{}
	return bt
}

// rel returns the slash-separated path of abs relative to root, and whether
// it is inside a watched part of it.
func rel(root, abs string) (string, Kind, bool) {
	r, err := filepath.Rel(root, abs)
	if err != nil || r == "." || strings.HasPrefix(r, "..") {
		return "", 0, false
	}
	r = filepath.ToSlash(r)
	k := Classify(r)
	return r, k, k != 0
}

// walk calls f for every file and folder under dir (dir included) that is
// not ignored, skipping ignored folders and symbolic links to folders.
func walk(dir string, f func(p string, d fs.DirEntry)) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone meanwhile, or unreadable: skip
		}
		if p != dir && Ignored(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		f(p, d)
		return nil
	})
}
