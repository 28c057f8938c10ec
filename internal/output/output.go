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
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Marker is written at the root of every built site. A non-empty folder
// without it is not a previous build and is never replaced.
const Marker = ".course-build"

const markerText = "Built by course. This folder is replaced on every build.\n"

// Site is a built site in memory.
type Site struct {
	Files map[string][]byte
}

// NewSite returns an empty site.
func NewSite() *Site { return &Site{Files: map[string][]byte{}} }

// Paths returns every file path, sorted.
func (s *Site) Paths() []string {
	out := make([]string, 0, len(s.Files))
	for p := range s.Files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Size returns the total number of bytes.
func (s *Site) Size() int64 {
	var n int64
	for _, b := range s.Files {
		n += int64(len(b))
	}
	return n
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
	if err := CheckDir(dir, root); err != nil {
		return err
	}
	abs, _ := filepath.Abs(dir)
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".tmp-")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	dirs := map[string]bool{}
	for _, p := range site.Paths() {
		if !validPath(p) {
			return fmt.Errorf("refusing to write %q: not a clean relative path", p)
		}
		full := filepath.Join(tmp, filepath.FromSlash(p))
		d := filepath.Dir(full)
		if !dirs[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			dirs[d] = true
		}
		if err := os.WriteFile(full, site.Files[p], 0o644); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte(markerText), 0o644); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	var old string
	if _, err := os.Stat(abs); err == nil {
		old = tmp + ".old"
		if err := os.Rename(abs, old); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, abs); err != nil {
		if old != "" {
			os.Rename(old, abs) // put the previous site back
		}
		return err
	}
	ok = true
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
