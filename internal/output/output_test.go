package output

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteDirReplacesAPreviousBuildAtomically(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	s := NewSite()
	s.Files["index.html"] = []byte("one")
	s.Files["a/b/index.html"] = []byte("two")
	if err := WriteDir(s, out, root); err != nil {
		t.Fatal(err)
	}
	s2 := NewSite()
	s2.Files["index.html"] = []byte("new")
	if err := WriteDir(s2, out, root); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "new" {
		t.Errorf("index.html = %q", b)
	}
	if _, err := os.Stat(filepath.Join(out, "a")); !errors.Is(err, os.ErrNotExist) {
		t.Error("a stale file of the previous build survived")
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 {
		t.Errorf("temporary folders left behind: %v", entries)
	}
}

func TestWriteDirRefuses(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	foreign := filepath.Join(root, "docs")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "keep.txt"), []byte("mine"), 0o644)
	os.WriteFile(filepath.Join(root, "file"), []byte("x"), 0o644)
	home, _ := os.UserHomeDir()
	tests := []struct{ name, dir string }{
		{"the file-system root", "/"},
		{"the project root", root},
		{"an ancestor of content", filepath.Dir(root)},
		{"the content folder", filepath.Join(root, "content")},
		{"a folder that is not a previous build", foreign},
		{"a file", filepath.Join(root, "file")},
		{"the home folder", home},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := WriteDir(NewSite(), tt.dir, root)
			var re *RefusedError
			if !errors.As(err, &re) {
				t.Fatalf("WriteDir(%s) = %v, want a refusal", tt.dir, err)
			}
		})
	}
	if b, _ := os.ReadFile(filepath.Join(foreign, "keep.txt")); string(b) != "mine" {
		t.Error("a refused folder was changed")
	}
}

func TestWriteDirRejectsUncleanPaths(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{"../escape", "/abs", "a//b", "a/./b"} {
		s := NewSite()
		s.Files[p] = []byte("x")
		if err := WriteDir(s, filepath.Join(root, "public"), root); err == nil {
			t.Errorf("path %q was written", p)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(root), "escape")); err == nil {
		t.Error("a file escaped the output folder")
	}
}

func TestUnchangedFilesAreLinkedFromThePreviousBuild(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	s := NewSite()
	s.Files["same.html"] = []byte("same")
	s.Files["changed.html"] = []byte("old!")
	if err := WriteDir(s, out, root); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(filepath.Join(out, "same.html"))
	s2 := NewSite()
	s2.Files["same.html"] = []byte("same")
	s2.Files["changed.html"] = []byte("new!")
	if err := WriteDir(s2, out, root); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(filepath.Join(out, "same.html"))
	if !os.SameFile(before, after) {
		t.Error("an unchanged file was rewritten instead of linked")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "changed.html")); string(b) != "new!" {
		t.Errorf("changed.html = %q", b)
	}
}

// A lazy file is made once, on first read, and only then; a site built
// from the previous one shares it; WriteDir writes it.
func TestLazyFiles(t *testing.T) {
	made := 0
	prev := NewSite()
	if err := prev.PutLazy("print/index.html", func() []byte { made++; return []byte("all") }); err != nil {
		t.Fatal(err)
	}
	prev.Put("a.html", []byte("a"))
	if !prev.Has("print/index.html") || made != 0 {
		t.Fatalf("Has: %v, made %d times before any read", prev.Has("print/index.html"), made)
	}
	if got := prev.Paths(); strings.Join(got, " ") != "a.html print/index.html" {
		t.Errorf("Paths: %q", got)
	}
	if _, ok := prev.Files["print/index.html"]; ok {
		t.Error("a lazy file is in Files")
	}

	cur := NewSiteFrom(prev)
	if !cur.Reuse("print/index.html") || !cur.Reuse("a.html") {
		t.Fatal("Reuse of a lazy or plain file failed")
	}
	if err := cur.PutLazy("m/print/index.html", func() []byte { return []byte("m") }); err != nil {
		t.Fatal(err)
	}
	if got := cur.LazyChanged(prev); strings.Join(got, " ") != "m/print/index.html" {
		t.Errorf("LazyChanged: %q, want the new lazy file only", got)
	}
	for range 3 {
		if data, ok := cur.File("print/index.html"); !ok || string(data) != "all" {
			t.Fatalf("File: %q %v", data, ok)
		}
	}
	if data, _ := prev.File("print/index.html"); string(data) != "all" || made != 1 {
		t.Errorf("the shared lazy file: %q, made %d times, want once", data, made)
	}
	if _, ok := cur.File("nope.html"); ok || cur.Has("nope.html") {
		t.Error("a missing file is found")
	}

	cur.Put("m/print/index.html", []byte("plain"))
	if data, _ := cur.File("m/print/index.html"); string(data) != "plain" {
		t.Errorf("Put over a lazy file: %q", data)
	}
	if err := cur.PutLazy("../x", func() []byte { return nil }); err == nil {
		t.Error("PutLazy took a path outside the site")
	}

	dir := filepath.Join(t.TempDir(), "out")
	if err := WriteDir(cur, dir, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(filepath.Join(dir, "print/index.html")); err != nil || string(data) != "all" || made != 1 {
		t.Errorf("written lazy file: %q %v, made %d times", data, err, made)
	}
}
