// Package themes embeds the default theme into the course binary.
//
// A theme is a folder with templates/ (html/template files, one per page
// kind plus base.html and partials/) and static/ (copied to the site; .css
// and .js files get a content hash in their name). A project overrides the
// embedded theme file by file from its own themes/<name>/ folder.
package themes

import (
	"embed"
	"io/fs"
	"sync"
)

//go:embed all:default
var embedded embed.FS

var (
	defaultOnce sync.Once
	defaultFS   *readOnce
)

// Default returns the embedded default theme, rooted at its folder. Its
// ReadFile hands out the same bytes for a file every time (the embedded
// files never change), so that a build can tell an unchanged theme file
// by its slice, without hashing it again; callers must not change them.
func Default() fs.FS {
	defaultOnce.Do(func() {
		sub, err := fs.Sub(embedded, "default")
		if err != nil {
			panic(err) // the embed pattern guarantees the folder exists
		}
		defaultFS = &readOnce{FS: sub, files: map[string][]byte{}}
	})
	return defaultFS
}

// readOnce keeps every file read through ReadFile.
type readOnce struct {
	fs.FS
	mu    sync.Mutex
	files map[string][]byte
}

func (r *readOnce) ReadFile(name string) ([]byte, error) {
	r.mu.Lock()
	data, ok := r.files[name]
	r.mu.Unlock()
	if ok {
		return data, nil
	}
	data, err := fs.ReadFile(r.FS, name)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	if prev, ok := r.files[name]; ok {
		data = prev
	} else {
		r.files[name] = data
	}
	r.mu.Unlock()
	return data, nil
}

func (r *readOnce) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(r.FS, name) }
