package output

import (
	"errors"
	"os"
	"path/filepath"
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
