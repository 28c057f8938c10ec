package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// noSuchFile is how this system words a missing file: "no such file or
// directory" on Unix, "The system cannot find the file specified." on Windows.
var noSuchFile = func() string {
	_, err := os.Stat(filepath.Join(os.TempDir(), "course-test-no-such-file"))
	return errors.Unwrap(err).Error()
}()

// course writes a minimal valid course into a temp folder.
func course(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	base := map[string]string{
		"content/01-m/_index.md": "---\ntitle: M\n---\n",
		"content/01-m/01-a.md":   "---\ntitle: A\n---\nHello $x$.\n",
	}
	for k, v := range files {
		base[k] = v
	}
	for name, data := range base {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestCommandLine(t *testing.T) {
	good := course(t, nil)
	bad := course(t, map[string]string{"content/01-m/02-b.md": "---\ntitle: B\nsumary: x\n---\n[x](nope.md)\n"})
	foreign := t.TempDir()
	os.WriteFile(filepath.Join(foreign, "mine.txt"), []byte("keep"), 0o644)
	tests := []struct {
		name     string
		args     []string
		code     int
		out, err string
	}{
		{"no arguments shows usage", nil, 2, "", "Usage: course"},
		{"version", []string{"--version"}, 0, "course ", ""},
		{"help", []string{"help"}, 0, "Commands:", ""},
		{"build help", []string{"build", "--help"}, 0, "--base-url", ""},
		{"unknown command", []string{"bild"}, 2, "", `unknown command "bild"`},
		{"unknown flag", []string{"build", "--nope"}, 2, "", "flag provided but not defined: -nope"},
		{"stray argument", []string{"build", "--source", good, "extra"}, 2, "", `unexpected argument "extra"`},
		{"build succeeds", []string{"build", "--source", good, "--out", filepath.Join(t.TempDir(), "p")}, 0, "built 3 pages", ""},
		{"flags in any order, with = or a space", []string{"build", "--out", filepath.Join(t.TempDir(), "p"), "--source=" + good, "--drafts"}, 0, "built 3 pages", ""},
		{"content errors exit 1, all listed", []string{"build", "--source", bad, "--out", filepath.Join(t.TempDir(), "p")}, 1, "",
			"content/01-m/02-b.md:3:1: unknown front-matter key \"sumary\""},
		{"refuses a foreign folder", []string{"build", "--source", good, "--out", foreign}, 2, "", "is not a previous build"},
		{"refuses the project root", []string{"build", "--source", good, "--out", good}, 2, "", "it is the project root"},
		{"bad base url", []string{"build", "--source", good, "--out", filepath.Join(t.TempDir(), "p"), "--base-url", "ml/"}, 1, "", "--base-url: base URL path \"ml/\" must start with /"},
		{"new needs a kind, a module and a name", []string{"new", "lesson", "m"}, 2, "", "usage: course new lesson"},
		{"new lesson in an unknown module", []string{"new", "lesson", "nope", "T", "--source", good}, 2, "", `no module "nope"`},
		{"missing source", []string{"build", "--source", filepath.Join(good, "nope")}, 2, "", noSuchFile},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.name, " ", "_"), func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(tt.args, &out, &errb)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out.String(), errb.String())
			}
			if !strings.Contains(out.String(), tt.out) {
				t.Errorf("stdout lacks %q:\n%s", tt.out, out.String())
			}
			if !strings.Contains(errb.String(), tt.err) {
				t.Errorf("stderr lacks %q:\n%s", tt.err, errb.String())
			}
		})
	}
	if b, _ := os.ReadFile(filepath.Join(foreign, "mine.txt")); string(b) != "keep" {
		t.Error("a refused folder was changed")
	}
}

func TestBadContentReportsEveryProblemAndWritesNothing(t *testing.T) {
	bad := course(t, map[string]string{
		"content/01-m/02-b.md": "---\ntitle: B\n---\n[x](nope.md) and $\\frac{$\n",
		"content/01-m/03-c.md": "---\ntitle: C\nminutes: lots\n---\n",
	})
	out := filepath.Join(t.TempDir(), "p")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--source", bad, "--out", out}, &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	for _, want := range []string{"02-b.md:4:2: link to content/01-m/nope.md", "02-b.md:4:", "math:", "03-c.md:3:10:", "3 error(s)", "nothing was written"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed build created the output folder")
	}
}

// A second build with nothing changed says so, with the notes of the
// build it kept; an edit builds again.
func TestBuildSaysWhenTheOutputIsUpToDate(t *testing.T) {
	dir := course(t, nil)
	old := time.Now().Add(-time.Hour)
	filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err == nil {
			err = os.Chtimes(p, old, old)
		}
		return err
	})
	out := filepath.Join(t.TempDir(), "p")
	build := func() (string, string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run([]string{"build", "--source", dir, "--out", out}, &stdout, &stderr); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		return stdout.String(), stderr.String()
	}
	first, firstNotes := build()
	if !strings.HasPrefix(first, "built 3 pages into "+out) {
		t.Fatalf("first build: %q", first)
	}
	second, secondNotes := build()
	if want := out + " is up to date: 3 pages, nothing changed since it was built"; !strings.HasPrefix(second, want) {
		t.Errorf("second build: %q, want %q…", second, want)
	}
	if secondNotes != firstNotes || !strings.Contains(secondNotes, "note: ") {
		t.Errorf("notes of the second build %q, of the first %q", secondNotes, firstNotes)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/01-m/01-a.md"), []byte("---\ntitle: A\n---\nBye.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if third, _ := build(); !strings.HasPrefix(third, "built 3 pages") {
		t.Errorf("after an edit: %q", third)
	}
}
