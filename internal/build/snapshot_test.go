package build_test

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"strings"
	"testing"

	"github.com/mlcourse/course/internal/build"
	"github.com/mlcourse/course/themes"
)

// TestShippedSnapshotIsCurrent fails when the memory snapshot committed in
// the default theme was not made from the theme's runner worker (its
// PRELOAD) and vendored runtime, or when its sidecar does not describe it.
func TestShippedSnapshotIsCurrent(t *testing.T) {
	th := themes.Default()
	read := func(p string) []byte {
		data, err := fs.ReadFile(th, "static/"+p)
		if err != nil {
			t.Fatalf("%v; run scripts/vendor-runner.sh", err)
		}
		return data
	}
	info, err := build.ParseSnapshotInfo(read(build.SnapshotInfoFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := info.Check(read("js/runner-worker.js"), read("pyodide/pyodide.asm.wasm")); err != nil {
		t.Fatalf("the shipped snapshot is stale: %v; run scripts/vendor-runner.sh", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(read(build.SnapshotFile)))
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	n, err := io.Copy(h, zr)
	if err != nil {
		t.Fatalf("%s: %v; run scripts/vendor-runner.sh", build.SnapshotFile, err)
	}
	if n != int64(info.Size) || hex.EncodeToString(h.Sum(nil)) != info.SHA256 {
		t.Errorf("%s is not the snapshot its sidecar describes (%d bytes); run scripts/vendor-runner.sh", build.SnapshotFile, n)
	}
}

// TestSnapshotInfoCheck: a sidecar fits only the worker's PRELOAD, the
// runtime's wasm, this Pyodide version and this tool version.
func TestSnapshotInfoCheck(t *testing.T) {
	worker := []byte("\"use strict\";\nconst PRELOAD = \"import json, \\\"x\\\"\";\nlet x;\n")
	wasm := []byte("\x00asm one")
	info, err := build.NewSnapshotInfo(worker, wasm, []byte("snapshot"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Preload != `import json, "x"` {
		t.Fatalf("Preload read %q", info.Preload)
	}
	other := func(f func(*build.SnapshotInfo)) build.SnapshotInfo { i := info; f(&i); return i }
	for _, c := range []struct {
		name         string
		info         build.SnapshotInfo
		worker, wasm []byte
		want         string // in the error; "" for none
	}{
		{"matching", info, worker, wasm, ""},
		{"another_preload", info, bytes.Replace(worker, []byte("json"), []byte("json, math"), 1), wasm, "PRELOAD is"},
		{"another_wasm", info, worker, []byte("\x00asm two"), "another pyodide/pyodide.asm.wasm"},
		{"another_pyodide", other(func(i *build.SnapshotInfo) { i.Pyodide = "0.1.0" }), worker, wasm, "Pyodide 0.1.0"},
		{"another_tool", other(func(i *build.SnapshotInfo) { i.Tool = "0" }), worker, wasm, "version 0 of scripts/pyodide-snapshot"},
		{"a_worker_without_preload", info, []byte("let PRELOAD = x;\n"), wasm, "no line `const PRELOAD"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.info.Check(c.worker, c.wasm)
			switch {
			case c.want == "" && err != nil:
				t.Errorf("Check: %v, want no error", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("Check: %v, want an error saying %q", err, c.want)
			}
		})
	}
}
