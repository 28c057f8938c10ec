// Package theme resolves the theme of a build: the project's
// themes/<name>/ folder overlaid on the theme embedded in the binary, file
// by file (as mdBook does). A project can override one template or one
// stylesheet and keep everything else.
package theme

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"sort"
	"sync"

	"github.com/mlcourse/course/themes"
)

// Dir is the folder under the project root that holds theme overrides.
const Dir = "themes"

// Load returns the theme named name: files under project's themes/<name>/
// take precedence over the embedded default theme.
func Load(project fs.FS, name string) fs.FS {
	var top fs.FS
	if project != nil {
		if sub, err := fs.Sub(project, path.Join(Dir, name)); err == nil {
			if _, err := fs.Stat(sub, "."); err == nil {
				top = sub
			}
		}
	}
	return &overlay{top: top, base: themes.Default()}
}

// overlay is a read-only union of two file systems.
type overlay struct {
	top, base fs.FS
}

func (o *overlay) Open(name string) (fs.File, error) {
	if o.top != nil {
		f, err := o.top.Open(name)
		if err == nil {
			st, serr := f.Stat()
			if serr == nil && !st.IsDir() {
				return f, nil
			}
			f.Close()
		}
	}
	return o.base.Open(name)
}

// ReadFile reads from the top layer, else from the base, as the layers'
// own ReadFile do (so that a layer that hands out the same bytes for an
// unchanged file keeps doing so through the overlay).
// A project file with the very bytes of the embedded one (a project that
// keeps a copy of the default theme) is given as the embedded file's
// bytes, whose digests a build keeps between runs.
func (o *overlay) ReadFile(name string) ([]byte, error) {
	if o.top != nil {
		if st, err := fs.Stat(o.top, name); err == nil && !st.IsDir() {
			if data, err := fs.ReadFile(o.top, name); err == nil {
				return o.sameAsBase(name, data), nil
			}
		}
	}
	return fs.ReadFile(o.base, name)
}

// sameAs remembers, per theme path, the last project file compared with
// the embedded one and the bytes to hand out for it.
var sameAs sync.Map // path → [2][]byte{project bytes, bytes handed out}

func (o *overlay) sameAsBase(name string, data []byte) []byte {
	if v, ok := sameAs.Load(name); ok {
		e := v.([2][]byte)
		if len(e[0]) == len(data) && (len(data) == 0 || &e[0][0] == &data[0]) {
			return e[1]
		}
	}
	out := data
	if base, err := fs.ReadFile(o.base, name); err == nil && bytes.Equal(base, data) {
		out = base
	}
	sameAs.Store(name, [2][]byte{data, out})
	return out
}

// ReadDir merges the entries of both layers, sorted by name.
func (o *overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]fs.DirEntry{}
	var firstErr error
	for _, layer := range []fs.FS{o.base, o.top} {
		if layer == nil {
			continue
		}
		entries, err := fs.ReadDir(layer, name)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) && firstErr == nil {
				firstErr = err
			}
			continue
		}
		for _, e := range entries {
			seen[e.Name()] = e
		}
	}
	if len(seen) == 0 && firstErr != nil {
		return nil, firstErr
	}
	if len(seen) == 0 {
		if _, err := fs.Stat(o, name); err != nil {
			return nil, err
		}
	}
	out := make([]fs.DirEntry, 0, len(seen))
	for _, e := range seen {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}
