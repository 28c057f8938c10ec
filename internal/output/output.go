// Package output holds a built site and writes it.
//
// A Site is the whole output in memory: slash-separated paths relative to
// the site root, mapped to bytes. The preview server serves it from memory;
// `course build` writes it with WriteDir, which builds into a temporary
// folder next to the target and swaps it in, so a failed or interrupted
// write never leaves a half-built site, and refuses targets that could hold
// anything but a previous build.
package output

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Marker is written at the root of every built site. A non-empty folder
// without it is not a previous build and is never replaced.
const Marker = ".course-build"

const markerText = "Built by course. This folder is replaced on every build.\n"

// Sink receives the files of a build as they are made. Put is safe for
// concurrent use; path is slash-separated and relative to the site root.
type Sink interface {
	Put(path string, data []byte) error
}

// LazySink is a Sink that can hold a file made only when first read.
type LazySink interface {
	Sink
	// PutLazy stores a file whose bytes make returns, called at most
	// once, on first read; make must not depend on state that changes
	// after the call.
	PutLazy(path string, make func() []byte) error
}

// Site is a built site in memory. It is a Sink and a LazySink, and a
// Reuser when made with NewSiteFrom.
//
// Files holds every file made at once. A file put with PutLazy is not in
// Files: File, Has and Paths see both kinds. Once built, a Site is read
// from many goroutines: Files does not change.
type Site struct {
	mu    sync.Mutex
	Files map[string][]byte
	lazy  map[string]*lazyFile
	prev  *Site
}

// lazyFile is a file of a Site made on first read.
type lazyFile struct {
	once sync.Once
	make func() []byte
	data []byte
}

func (l *lazyFile) bytes() []byte {
	l.once.Do(func() {
		l.data = l.make()
		l.make = nil
	})
	return l.data
}

// NewSite returns an empty site.
func NewSite() *Site { return &Site{Files: map[string][]byte{}} }

// NewSiteFrom returns an empty site that can carry files over from prev
// (Reuse shares prev's bytes, it does not copy them). Call DropPrevious
// once the build is done, so that sites do not keep each other alive.
func NewSiteFrom(prev *Site) *Site {
	s := NewSite()
	if prev != nil {
		prev.mu.Lock()
		s.Files = make(map[string][]byte, len(prev.Files)) // about as many files again
		prev.mu.Unlock()
	}
	s.prev = prev
	return s
}

// Reuse carries path over from the previous site (a lazy file stays
// lazy, and is made at most once for both).
func (s *Site) Reuse(path string) bool {
	if s.prev == nil {
		return false
	}
	s.prev.mu.Lock()
	data, ok := s.prev.Files[path]
	lf := s.prev.lazy[path]
	s.prev.mu.Unlock()
	switch {
	case ok:
		s.mu.Lock()
		s.Files[path] = data
		s.mu.Unlock()
	case lf != nil:
		s.mu.Lock()
		if s.lazy == nil {
			s.lazy = map[string]*lazyFile{}
		}
		s.lazy[path] = lf
		s.mu.Unlock()
	default:
		return false
	}
	return true
}

// DropPrevious forgets the site Reuse carries files over from.
func (s *Site) DropPrevious() {
	s.mu.Lock()
	s.prev = nil
	s.mu.Unlock()
}

// Put stores a file.
func (s *Site) Put(path string, data []byte) error {
	if !validPath(path) {
		return fmt.Errorf("refusing to write %q: not a clean relative path", path)
	}
	s.mu.Lock()
	s.Files[path] = data
	delete(s.lazy, path)
	s.mu.Unlock()
	return nil
}

// PutLazy stores a file made on its first read (see LazySink).
func (s *Site) PutLazy(path string, make func() []byte) error {
	if !validPath(path) {
		return fmt.Errorf("refusing to write %q: not a clean relative path", path)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.Files, path)
	if s.lazy == nil {
		s.lazy = map[string]*lazyFile{}
	}
	s.lazy[path] = &lazyFile{make: make}
	return nil
}

// File returns a file's bytes, making a lazy file on first read.
func (s *Site) File(path string) ([]byte, bool) {
	s.mu.Lock()
	data, ok := s.Files[path]
	lf := s.lazy[path]
	s.mu.Unlock()
	if ok || lf == nil {
		return data, ok
	}
	return lf.bytes(), true
}

// Has reports whether the site has a file at path, without making it.
func (s *Site) Has(path string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.Files[path]
	return ok || s.lazy[path] != nil
}

// LazyChanged returns the paths of the lazy files of s that old does
// not share (see Reuse): new, or made from other inputs. They are
// reported without being made.
func (s *Site) LazyChanged(old *Site) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for p, lf := range s.lazy {
		if old == nil {
			out = append(out, p)
			continue
		}
		old.mu.Lock()
		same := old.lazy[p] == lf
		old.mu.Unlock()
		if !same {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// Paths returns every file path, lazy files included, sorted.
func (s *Site) Paths() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.Files)+len(s.lazy))
	for p := range s.Files {
		out = append(out, p)
	}
	for p := range s.lazy {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// RefusedError is returned when the output folder must not be written.
type RefusedError struct {
	Dir, Why string
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("refusing to write the site to %s: %s", e.Dir, e.Why)
}

// CheckDir reports whether dir may be replaced by a build of the project
// at root: not "/", not the home folder, not the project root or an
// ancestor of its content folder, and either absent, empty, or a previous
// build.
func CheckDir(dir, root string) error {
	if first, _, _ := strings.Cut(filepath.ToSlash(dir), "/"); strings.HasPrefix(first, "~") {
		// --out=~ reaches us unexpanded: the shell expands ~ only at the
		// start of a word. Writing a folder named "~" is never what was meant.
		return &RefusedError{dir, `"~" is not expanded here (a shell expands it only at the start of a word, not after --out=); write --out ~/site or --out "$HOME/site"`}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return &RefusedError{dir, err.Error()}
	}
	abs = realPath(abs)
	rootAbs, err := filepath.Abs(root)
	if err != nil {
		return &RefusedError{dir, err.Error()}
	}
	rootAbs = realPath(rootAbs)
	if abs == string(filepath.Separator) || filepath.Dir(abs) == abs {
		return &RefusedError{dir, "it is the file-system root"}
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" && realPath(home) == abs {
		return &RefusedError{dir, "it is your home folder"}
	}
	if abs == rootAbs {
		return &RefusedError{dir, "it is the project root; use --out public"}
	}
	content := filepath.Join(rootAbs, "content")
	if strings.HasPrefix(content, abs+string(filepath.Separator)) {
		return &RefusedError{dir, "it contains the project's content folder"}
	}
	if strings.HasPrefix(abs, content+string(filepath.Separator)) || abs == content {
		return &RefusedError{dir, "it is inside the content folder"}
	}
	st, err := os.Stat(abs)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return &RefusedError{dir, err.Error()}
	}
	if !st.IsDir() {
		return &RefusedError{dir, "it is a file, not a folder"}
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return &RefusedError{dir, err.Error()}
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(abs, Marker)); err != nil {
		return &RefusedError{dir, "it holds files but is not a previous build (no " + Marker + " file); empty it or choose another --out"}
	}
	return nil
}

func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	// The folder may not exist yet: resolve its parent.
	if parent := filepath.Dir(p); parent != p {
		return filepath.Join(realPath(parent), filepath.Base(p))
	}
	return p
}

// WriteDir writes site to dir atomically: into a temporary sibling folder
// first, then swapped in. dir is checked with CheckDir against root.
func WriteDir(site *Site, dir, root string) error {
	w, err := NewDirWriter(dir, root)
	if err != nil {
		return err
	}
	for _, p := range site.Paths() {
		data, _ := site.File(p)
		if err := w.Put(p, data); err != nil {
			w.Abort()
			return err
		}
	}
	return w.Commit("")
}

// DirWriter is a Sink that writes a site into a temporary folder next to
// its target, and swaps it in on Commit. Nothing outside the temporary
// folder changes before Commit; Abort removes it.
type DirWriter struct {
	dir, tmp string
	prev     string // the previous build at dir, or ""
	// Unchanged, when set, reports whether a file of the previous build
	// is as that build left it; Reuse carries over no other file (one
	// edited by hand would survive the build). Unset, every file counts
	// as unchanged.
	Unchanged func(p string) bool
	mu        sync.Mutex
	dirs      map[string]bool
	done      bool
}

// NewDirWriter checks dir with CheckDir and creates the temporary folder.
func NewDirWriter(dir, root string) (*DirWriter, error) {
	if err := CheckDir(dir, root); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".tmp-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	w := &DirWriter{dir: abs, tmp: tmp, dirs: map[string]bool{tmp: true}}
	if _, err := os.Stat(filepath.Join(abs, Marker)); err == nil {
		w.prev = abs
	}
	return w, nil
}

// Put writes one file into the temporary folder.
func (w *DirWriter) Put(p string, data []byte) error {
	if !validPath(p) {
		return fmt.Errorf("refusing to write %q: not a clean relative path", p)
	}
	full := filepath.Join(w.tmp, filepath.FromSlash(p))
	d := filepath.Dir(full)
	w.mu.Lock()
	if w.done {
		w.mu.Unlock()
		return fmt.Errorf("write of %s after the output was committed or aborted", p)
	}
	if !w.dirs[d] {
		if err := os.MkdirAll(d, 0o755); err != nil {
			w.mu.Unlock()
			return err
		}
		w.dirs[d] = true
	}
	w.mu.Unlock()
	if w.prev != "" && w.linkUnchanged(p, full, data) {
		return nil
	}
	return os.WriteFile(full, data, 0o644)
}

// linkUnchanged hard-links the previous build's copy of p when its bytes
// equal data: most files of a rebuild are unchanged, and a link costs no
// disk writes (nor, later, freeing the old copy).
func (w *DirWriter) linkUnchanged(p, full string, data []byte) bool {
	old := filepath.Join(w.prev, filepath.FromSlash(p))
	st, err := os.Lstat(old)
	if err != nil || !st.Mode().IsRegular() || st.Size() != int64(len(data)) {
		return false
	}
	prev, err := os.ReadFile(old)
	if err != nil || !bytes.Equal(prev, data) {
		return false
	}
	return os.Link(old, full) == nil
}

// Abort removes the temporary folder; the target is untouched.
func (w *DirWriter) Abort() {
	w.mu.Lock()
	w.done = true
	w.mu.Unlock()
	os.RemoveAll(w.tmp)
}

// Reuser is a Sink that can carry a file over from the previous build
// unchanged, when the caller knows it would write the same bytes.
type Reuser interface {
	Reuse(path string) bool
}

// Reuse hard-links the previous build's copy of p into the new build.
// It reports false when there is no such file.
func (w *DirWriter) Reuse(p string) bool {
	if w.prev == "" || !validPath(p) || (w.Unchanged != nil && !w.Unchanged(p)) {
		return false
	}
	old := filepath.Join(w.prev, filepath.FromSlash(p))
	if st, err := os.Lstat(old); err != nil || !st.Mode().IsRegular() {
		return false
	}
	full := filepath.Join(w.tmp, filepath.FromSlash(p))
	d := filepath.Dir(full)
	w.mu.Lock()
	if !w.dirs[d] {
		if err := os.MkdirAll(d, 0o755); err != nil {
			w.mu.Unlock()
			return false
		}
		w.dirs[d] = true
	}
	w.mu.Unlock()
	return os.Link(old, full) == nil
}

// PrevStamp returns the stamp the previous build was committed with
// (see Commit), or "" when there is no previous build.
func (w *DirWriter) PrevStamp() string {
	if w.prev == "" {
		return ""
	}
	data, err := os.ReadFile(filepath.Join(w.prev, Marker))
	if err != nil {
		return ""
	}
	_, stamp, _ := strings.Cut(string(data), "\nstamp: ")
	return strings.TrimSpace(stamp)
}

// Commit writes the marker, with stamp (a digest of the build's inputs,
// so that identical builds write identical markers), and swaps the
// temporary folder in. The previous build is removed after the swap.
func (w *DirWriter) Commit(stamp string) error {
	w.mu.Lock()
	w.done = true
	w.mu.Unlock()
	marker := markerText
	if stamp != "" {
		marker += "stamp: " + stamp + "\n"
	}
	if err := os.WriteFile(filepath.Join(w.tmp, Marker), []byte(marker), 0o644); err != nil {
		os.RemoveAll(w.tmp)
		return err
	}
	var old string
	if _, err := os.Stat(w.dir); err == nil {
		old = w.tmp + ".old"
		if err := os.Rename(w.dir, old); err != nil {
			os.RemoveAll(w.tmp)
			return err
		}
	}
	if err := os.Rename(w.tmp, w.dir); err != nil {
		if old != "" {
			os.Rename(old, w.dir) // put the previous site back
		}
		os.RemoveAll(w.tmp)
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

func validPath(p string) bool {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") {
		return false
	}
	for _, part := range strings.Split(p, "/") {
		if part == "" || part == "." || part == ".." {
			return false
		}
	}
	return true
}
