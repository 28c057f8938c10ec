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
	"unsafe"
)

//go:embed all:default
var embedded embed.FS

// The theme's biggest files (the in-page runner's, 20 of its 21 MB) are
// also embedded as strings, which the linker stores once with the
// embed.FS's copy: ReadFile hands them out as the binary's own read-only
// bytes instead of copying them to the heap (where a preview would keep
// 20 MB more alive, and its heap would grow twice that before a GC).
// Writing to them faults.
var (
	//go:embed default/static/pyodide/pyodide.asm.wasm
	pyodideWasm string
	//go:embed default/static/pyodide/memory.snapshot.gz
	pyodideSnapshot string
	//go:embed default/static/pyodide/python_stdlib.zip
	pyodideStdlib string
	//go:embed default/static/pyodide/pyodide.asm.mjs
	pyodideAsm string
	//go:embed default/static/editor/editor.js
	editorJS string

	bigFiles = map[string]*string{
		"static/pyodide/pyodide.asm.wasm":   &pyodideWasm,
		"static/pyodide/memory.snapshot.gz": &pyodideSnapshot,
		"static/pyodide/python_stdlib.zip":  &pyodideStdlib,
		"static/pyodide/pyodide.asm.mjs":    &pyodideAsm,
		"static/editor/editor.js":           &editorJS,
	}
)

var (
	defaultOnce sync.Once
	defaultFS   *readOnce
)

// Default returns the embedded default theme, rooted at its folder. Its
// ReadFile hands out the same bytes for a file every time (the embedded
// files never change), so that a build can tell an unchanged theme file
// by its slice, without hashing it again; callers must not change them
// (the biggest are the binary's read-only memory: see bigFiles).
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
	if s, ok := bigFiles[name]; ok {
		return unsafe.Slice(unsafe.StringData(*s), len(*s)), nil
	}
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
