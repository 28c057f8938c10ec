package build

import (
	"errors"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync"
)

// sourceFS reads the project through a cache: a file is read once and its
// bytes are kept, and handed out again (the same slice), until a change
// names it (Forget). Listings and stats are kept the same way. A rebuild
// after an edit thus reads the edited files only, and what the build
// derives from a file can be kept for as long as the file's bytes are the
// same slice (see sameBytes): the slice is the file's identity.
//
// Callers must not change the bytes they are given. Files that do not
// exist are remembered too (a create names them). Other errors are not
// kept, so that the next build tries again.
type sourceFS struct {
	base fs.FS

	mu    sync.Mutex
	files map[string]*srcEntry
	stats map[string]*srcEntry
	dirs  map[string]*srcEntry
	// gen counts changes; gens holds, for each path named by a change and
	// each of its folders, the count at the last change at or below it.
	gen   uint64
	reset uint64 // the count at the last ForgetAll
	gens  map[string]uint64
	// record: stat each file before reading it (pre), for the record of
	// a build's inputs that tells the next run whether anything changed
	// (see fresh.go).
	record bool
}

type srcEntry struct {
	pre     fs.FileInfo // the file's stat before it was read (when recording), or nil
	data    []byte
	info    fs.FileInfo
	entries []fs.DirEntry
	err     error
}

func newSourceFS(base fs.FS) *sourceFS {
	s := &sourceFS{base: base, gens: map[string]uint64{}}
	s.clear()
	return s
}

func (s *sourceFS) clear() {
	s.files = map[string]*srcEntry{}
	s.stats = map[string]*srcEntry{}
	s.dirs = map[string]*srcEntry{}
}

// Forget drops what the cache holds of the named paths (slash-separated,
// relative to the root): a file, a folder and everything below it, and the
// listing of the folder each is in.
func (s *sourceFS) Forget(paths []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gen++
	for _, p := range paths {
		p = path.Clean(p)
		for _, m := range []map[string]*srcEntry{s.files, s.stats, s.dirs} {
			delete(m, p)
			prefix := p + "/"
			for k := range m {
				if strings.HasPrefix(k, prefix) {
					delete(m, k)
				}
			}
		}
		for q := p; ; q = path.Dir(q) {
			s.gens[q] = s.gen
			if q == "." {
				break
			}
			delete(s.dirs, path.Dir(q))
			delete(s.stats, path.Dir(q))
		}
	}
}

// ForgetAll empties the cache: the next build reads everything again.
func (s *sourceFS) ForgetAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gen++
	s.reset = s.gen
	s.gens = map[string]uint64{}
	s.clear()
}

// Gen returns a number that changes whenever a change names p or a path
// below it (or the whole cache is forgotten).
func (s *sourceFS) Gen(p string) uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return max(s.gens[path.Clean(p)], s.reset)
}

// keep reports whether err may be remembered.
func keep(err error) bool { return err == nil || errors.Is(err, fs.ErrNotExist) }

func (s *sourceFS) lookup(m map[string]*srcEntry, name string) (*srcEntry, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := m[name]
	return e, ok
}

func (s *sourceFS) store(m map[string]*srcEntry, name string, e *srcEntry, gen uint64) {
	if !keep(e.err) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.gen == gen { // no change arrived while reading: the entry is current
		m[name] = e
	}
}

// Record turns on or off the stat taken before each file is read.
func (s *sourceFS) Record(on bool) {
	s.mu.Lock()
	s.record = on
	s.mu.Unlock()
}

func (s *sourceFS) recording() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.record
}

func (s *sourceFS) currentGen() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gen
}

// ReadFile returns the bytes of a file, shared: callers must not change them.
func (s *sourceFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrInvalid}
	}
	if e, ok := s.lookup(s.files, name); ok {
		return e.data, e.err
	}
	gen := s.currentGen()
	var pre fs.FileInfo
	if s.recording() {
		pre, _ = fs.Stat(s.base, name)
	}
	data, err := fs.ReadFile(s.base, name)
	s.store(s.files, name, &srcEntry{pre: pre, data: data, err: err}, gen)
	return data, err
}

func (s *sourceFS) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	if e, ok := s.lookup(s.stats, name); ok {
		return e.info, e.err
	}
	gen := s.currentGen()
	info, err := fs.Stat(s.base, name)
	s.store(s.stats, name, &srcEntry{info: info, err: err}, gen)
	return info, err
}

func (s *sourceFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	if e, ok := s.lookup(s.dirs, name); ok {
		return e.entries, e.err
	}
	gen := s.currentGen()
	entries, err := fs.ReadDir(s.base, name)
	s.store(s.dirs, name, &srcEntry{entries: entries, err: err}, gen)
	return entries, err
}

// Open serves files and folders from the cache.
func (s *sourceFS) Open(name string) (fs.File, error) {
	info, err := s.Stat(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: unwrap(err)}
	}
	if info.IsDir() {
		entries, err := s.ReadDir(name)
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: unwrap(err)}
		}
		return &srcDir{info: info, entries: entries}, nil
	}
	data, err := s.ReadFile(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: unwrap(err)}
	}
	return &srcFile{info: sizedInfo{info, int64(len(data))}, data: data}, nil
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// sizedInfo reports the size of the bytes served, which may differ from
// the stat's when the file changed in between (a change then follows).
type sizedInfo struct {
	fs.FileInfo
	size int64
}

func (i sizedInfo) Size() int64 { return i.size }

type srcFile struct {
	info fs.FileInfo
	data []byte
	off  int
}

func (f *srcFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *srcFile) Close() error               { return nil }
func (f *srcFile) Read(p []byte) (int, error) {
	if f.off >= len(f.data) {
		return 0, io.EOF
	}
	n := copy(p, f.data[f.off:])
	f.off += n
	return n, nil
}

type srcDir struct {
	info    fs.FileInfo
	entries []fs.DirEntry
	off     int
}

func (d *srcDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *srcDir) Close() error               { return nil }
func (d *srcDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.Name(), Err: errors.New("is a directory")}
}

func (d *srcDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.off += n
	return rest[:n], nil
}

// sameBytes reports whether a and b are the same slice (not merely equal
// bytes): a file's bytes from sourceFS are the same slice until the file
// changes. The holder of a must keep it, so that its memory cannot be
// reused for other bytes.
func sameBytes(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	return len(a) == 0 || &a[0] == &b[0]
}
