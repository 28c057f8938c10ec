package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mlcourse/course/internal/diag"
	"github.com/mlcourse/course/internal/site"
)

// A warm `course build` with nothing changed does nothing, as make, ninja
// and cargo do. After each build written to a folder, Write keeps a record
// (.course-cache/fresh-*.gob) of:
//
//   - the program (codeVersion) and the options;
//   - every input the build looked at, as it looked when it was read: each
//     file's stat taken just before reading it (size, modification time,
//     mode and, on Linux, inode and change time), each folder's listing,
//     and each path looked up and not found;
//   - every file and folder of the output, with its stat once written;
//   - what the build said (page count, notes, warnings).
//
// The next Write compares these with the disk and, when all are the same,
// returns the recorded result without reading, rendering or writing
// anything. Anything else (a touched, added or removed input, a file of the
// output changed or removed or added, other options, another program)
// builds again. An input whose modification time was less than racyWindow
// before the build started could change again within the same clock tick
// without its stat changing: then no record is kept, and the next build is
// a full one (git's "racily clean" entries are handled the same way).

// freshVersion changes when the record's format or meaning does.
const freshVersion = "fresh v1"

// racyWindow: inputs modified this shortly before a build started are not
// trusted to show a later change in their stat.
const racyWindow = 2 * time.Second

type freshRecord struct {
	Key    string
	Inputs map[string]string // "f path" (read), "s path" (stat), "d path" (listed) → key; nil: not known
	Output map[string]string // output path (slash-separated) → key
	Pages  int
	Notes  []string
	Diags  []diag.Diagnostic
}

// freshFile is the record of builds into out, or "" when none is kept.
func (b *Builder) freshFile(out string) string {
	if b.opts.NoCache || b.opts.FS != nil {
		return "" // a caller's fs.FS has no stats to trust
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(b.opts.Source, CacheDir, "fresh-"+hex.EncodeToString(sum[:6])+".gob")
}

// freshKey names the program and everything given to it that the output
// depends on.
func (b *Builder) freshKey(out string) string {
	src, _ := filepath.Abs(b.opts.Source)
	dst, _ := filepath.Abs(out)
	return fmt.Sprintf("%s\x00%s\x00%q\x00%q\x00%q\x00%t\x00%q", freshVersion, codeVersion(b.cacheDir()), src, dst, b.opts.BaseURL, b.opts.Drafts, b.opts.Generator)
}

// upToDate returns the result recorded for out when nothing changed since
// that build, or nil; and which files of out are as that build left them
// (nil: none is known to be).
func (b *Builder) upToDate(out string, start time.Time) (*Result, func(string) bool) {
	file := b.freshFile(out)
	if file == "" {
		return nil, nil
	}
	tm := &site.Timings{}
	lap := func(stage string) {
		now := time.Now()
		tm.Add(stage, now.Sub(start))
		start = now
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, nil
	}
	var rec freshRecord
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&rec) != nil {
		return nil, nil
	}
	lap("up to date? the record")
	cur, err := outputKeys(out)
	if err != nil {
		return nil, nil
	}
	lap("up to date? the output")
	unchanged := func(p string) bool { k, ok := rec.Output[p]; return ok && cur[p] == k }
	key := b.freshKey(out)
	lap("up to date? the program")
	if rec.Inputs == nil || rec.Key != key || len(cur) != len(rec.Output) {
		return nil, unchanged
	}
	for p := range rec.Output {
		if !unchanged(p) {
			return nil, unchanged
		}
	}
	if !inputsUnchanged(os.DirFS(b.opts.Source), rec.Inputs) {
		return nil, unchanged
	}
	lap(fmt.Sprintf("up to date? %d inputs", len(rec.Inputs)))
	dl := &diag.List{}
	for _, d := range rec.Diags {
		dl.Add(d)
	}
	var took time.Duration
	for _, s := range tm.Stages() {
		took += s.Time
	}
	return &Result{Notes: rec.Notes, Diags: dl, Timings: tm, Duration: took, Pages: rec.Pages, UpToDate: true}, unchanged
}

// inputsUnchanged stats (or lists) every input again and reports whether
// each is as recorded.
func inputsUnchanged(root fs.FS, inputs map[string]string) bool {
	for k, want := range inputs {
		kind, p, _ := strings.Cut(k, " ")
		var got string
		if kind == "d" {
			got = listingKey(fs.ReadDir(root, p))
		} else {
			got = inputKey(fs.Stat(root, p))
		}
		if got != want {
			return false
		}
	}
	return true
}

// saveFresh records the build just committed to out (see upToDate). It
// keeps no record when an input may have changed unseen.
func (b *Builder) saveFresh(out string, res *Result, start time.Time) {
	file := b.freshFile(out)
	if file == "" {
		return
	}
	// Inputs modified within racyWindow of the start: the record keeps
	// the output's stats (see output.DirWriter.Unchanged) but not the
	// inputs, and the next build is a full one.
	inputs, _ := b.src.inputs(start.Add(-racyWindow))
	outKeys, err := outputKeys(out)
	if err != nil {
		return
	}
	rec := freshRecord{Key: b.freshKey(out), Inputs: inputs, Output: outKeys, Pages: res.Pages, Notes: res.Notes, Diags: res.Diags.Items()}
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(&rec) != nil {
		return
	}
	if os.MkdirAll(filepath.Dir(file), 0o755) == nil && os.WriteFile(file+".tmp", buf.Bytes(), 0o644) == nil {
		_ = os.Rename(file+".tmp", file) // a lost record only costs a build
	}
}

// dropFresh removes the record of builds into out (before out changes).
func (b *Builder) dropFresh(out string) {
	if file := b.freshFile(out); file != "" {
		_ = os.Remove(file)
	}
}

// inputs returns what the build read, keyed as in freshRecord.Inputs, or
// nil and false when a file was read without its stat or was modified
// after notBefore.
func (s *sourceFS) inputs(notBefore time.Time) (map[string]string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]string, len(s.files)+len(s.stats)+len(s.dirs))
	racy := func(fi fs.FileInfo) bool { return fi != nil && !fi.IsDir() && !fi.ModTime().Before(notBefore) }
	for p, e := range s.files {
		switch {
		case errors.Is(e.err, fs.ErrNotExist):
			out["f "+p] = "-"
		case e.pre == nil || racy(e.pre):
			return nil, false
		default:
			out["f "+p] = inputKey(e.pre, nil)
		}
	}
	for p, e := range s.stats {
		if racy(e.info) {
			return nil, false
		}
		out["s "+p] = inputKey(e.info, e.err)
	}
	for p, e := range s.dirs {
		out["d "+p] = listingKey(e.entries, e.err)
	}
	return out, true
}

// inputKey is "-" for a path that does not exist, "d" for a folder (its
// listing is what counts), and the file's stat otherwise.
func inputKey(fi fs.FileInfo, err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "-"
	case err != nil:
		return "error " + err.Error()
	case fi.IsDir():
		return "d"
	}
	return statKey(fi)
}

func statKey(fi fs.FileInfo) string {
	return fmt.Sprintf("%d %d %v%s", fi.Size(), fi.ModTime().UnixNano(), fi.Mode(), sysKey(fi))
}

// listingKey is a folder's entries: names and types, in order.
func listingKey(entries []fs.DirEntry, err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "-"
	}
	if err != nil {
		return "error " + err.Error()
	}
	var sb strings.Builder
	for _, e := range entries {
		fmt.Fprintf(&sb, "%s %v\x00", e.Name(), e.Type())
	}
	return sb.String()
}

// outputKeys stats every file and folder of out.
func outputKeys(out string) (map[string]string, error) {
	keys := map[string]string{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(out, p)
		if err != nil {
			return err
		}
		keys[filepath.ToSlash(rel)] = statKey(fi)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return keys, nil
}
