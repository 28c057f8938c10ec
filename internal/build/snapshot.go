package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"regexp"
	"strconv"

	"github.com/mlcourse/course/internal/diag"
)

// The memory snapshot shipped with the site: scripts/vendor-runner.sh has
// scripts/pyodide-snapshot start the vendored Pyodide in Chromium, import
// the runner worker's PRELOAD modules and save the interpreter's memory,
// gzipped, beside the runtime, with a sidecar saying what it was made from.
// A first visit's worker restores it instead of starting CPython (seconds
// on a slow machine). The build ships it only when the sidecar matches the
// theme's worker and runtime (SnapshotInfo.Check).
const (
	SnapshotFile     = pyodideDir + "memory.snapshot.gz"
	SnapshotInfoFile = pyodideDir + "memory.snapshot.json"
	// SnapshotToolVersion changes whenever scripts/pyodide-snapshot makes
	// a different snapshot from the same inputs.
	SnapshotToolVersion = "1"
)

// SnapshotInfo is the sidecar of the shipped snapshot: what it was made from.
type SnapshotInfo struct {
	Pyodide    string `json:"pyodide"`     // PyodideVersion
	WasmSHA256 string `json:"wasm_sha256"` // of pyodide.asm.wasm
	Preload    string `json:"preload"`     // runner-worker.js's PRELOAD
	Tool       string `json:"tool"`        // SnapshotToolVersion
	Size       int    `json:"size"`        // bytes of the snapshot, inflated
	SHA256     string `json:"sha256"`      // of the snapshot, inflated
}

var preloadLine = regexp.MustCompile(`(?m)^const PRELOAD = ("(?:[^"\\]|\\.)*");$`)

// Preload returns the PRELOAD string of the runner worker's source: the
// Python the worker runs before it keeps (or restores) a memory snapshot.
func Preload(worker []byte) (string, error) {
	m := preloadLine.FindSubmatch(worker)
	if m == nil {
		return "", fmt.Errorf("no line `const PRELOAD = \"…\";` in %s", runnerWorker)
	}
	s, err := strconv.Unquote(string(m[1]))
	if err != nil {
		return "", fmt.Errorf("%s: PRELOAD is not a plain string: %v", runnerWorker, err)
	}
	return s, nil
}

// NewSnapshotInfo is the sidecar of a snapshot made from worker and wasm.
func NewSnapshotInfo(worker, wasm, snapshot []byte) (SnapshotInfo, error) {
	pre, err := Preload(worker)
	if err != nil {
		return SnapshotInfo{}, err
	}
	return SnapshotInfo{
		Pyodide:    PyodideVersion,
		WasmSHA256: sha256Hex(wasm),
		Preload:    pre,
		Tool:       SnapshotToolVersion,
		Size:       len(snapshot),
		SHA256:     sha256Hex(snapshot),
	}, nil
}

// Check says why a snapshot with this sidecar does not fit the worker and
// the runtime, or returns nil when it does.
func (i SnapshotInfo) Check(worker, wasm []byte) error {
	pre, err := Preload(worker)
	if err != nil {
		return err
	}
	switch {
	case i.Pyodide != PyodideVersion:
		return fmt.Errorf("it was made from Pyodide %s, the runner loads %s", i.Pyodide, PyodideVersion)
	case i.WasmSHA256 != sha256Hex(wasm):
		return fmt.Errorf("it was made from another %spyodide.asm.wasm", pyodideDir)
	case i.Preload != pre:
		return fmt.Errorf("it imports %q, %s's PRELOAD is %q", i.Preload, runnerWorker, pre)
	case i.Tool != SnapshotToolVersion:
		return fmt.Errorf("it was made by version %s of scripts/pyodide-snapshot, this build expects %s", i.Tool, SnapshotToolVersion)
	}
	return nil
}

// ParseSnapshotInfo reads a sidecar.
func ParseSnapshotInfo(data []byte) (SnapshotInfo, error) {
	var i SnapshotInfo
	if err := json.Unmarshal(data, &i); err != nil {
		return i, fmt.Errorf("%s: %v", SnapshotInfoFile, err)
	}
	return i, nil
}

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// snapshotCheck remembers the last verdict on the theme's shipped
// snapshot, with the bytes it was given, so that a rebuild with the same
// files does not digest the 10 MB runtime again.
type snapshotCheck struct {
	info, worker, wasm []byte
	ship               bool
	why                string
}

// shipSnapshot says whether the site ships the theme's memory snapshot:
// only with Pyodide served from the site, when the theme has one, and when
// its sidecar matches the theme's runner worker and runtime. A sidecar that
// does not match is a warning (the site works without it: first visits
// start Python the ordinary way), naming the fix.
func (b *Builder) shipSnapshot(th fs.FS, themeName string, rt *pageRunner, dl *diag.List) {
	rt.snapshot = false
	if len(rt.bundles) == 0 || rt.cdn {
		return
	}
	info, err1 := fs.ReadFile(th, "static/"+SnapshotInfoFile)
	_, err2 := fs.Stat(th, "static/"+SnapshotFile)
	if err1 != nil || err2 != nil {
		return // a theme without one
	}
	worker, _ := fs.ReadFile(th, "static/"+runnerWorker)
	wasm, _ := fs.ReadFile(th, "static/"+pyodideDir+"pyodide.asm.wasm")
	c := b.snap
	if c == nil || !bytes.Equal(c.info, info) || !bytes.Equal(c.worker, worker) || !bytes.Equal(c.wasm, wasm) {
		c = &snapshotCheck{info: info, worker: worker, wasm: wasm, ship: true}
		i, err := ParseSnapshotInfo(info)
		if err == nil {
			err = i.Check(worker, wasm)
		}
		if err != nil {
			c.ship, c.why = false, err.Error()
		}
		b.snap = c
	}
	rt.snapshot = c.ship
	if !c.ship {
		dl.Add(diag.Diagnostic{File: "themes/" + themeName + "/static/" + SnapshotInfoFile, Severity: diag.Warning,
			Msg: "the site ships without Python's memory snapshot (first visits start Python the ordinary way, seconds slower): " +
				c.why + "; run scripts/vendor-runner.sh to make a snapshot for this runtime and worker"})
	}
}
