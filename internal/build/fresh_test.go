package build

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// ageTree sets every file and folder under dir an hour back, out of the
// window in which a build does not trust modification times (racyWindow).
func ageTree(t *testing.T, dir string) {
	t.Helper()
	old := time.Now().Add(-time.Hour)
	err := filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// writeOnce builds dir into out as one run of `course build` does.
func writeOnce(t *testing.T, opts Options, out string) *Result {
	t.Helper()
	b, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	res, err := b.Write(out)
	if err != nil || !res.OK() {
		t.Fatalf("build: %v\n%v", err, res.Diags)
	}
	return res
}

// sameAsFreshBuild fails unless out holds what a fresh build of dir
// with opts makes.
func sameAsFreshBuild(t *testing.T, what string, opts Options, out string) {
	t.Helper()
	fresh := newBuilder(t, opts).Build()
	got := readDir(t, out)
	if want, have := fresh.Site.Paths(), sortedKeys(got); !slices.Equal(want, have) {
		t.Fatalf("%s: files differ from a fresh build:\n%v\n%v", what, want, have)
	}
	for p, data := range fresh.Site.Files {
		if !bytes.Equal(data, got[p]) {
			t.Errorf("%s: %s differs from a fresh build", what, p)
		}
	}
}

// A warm build with nothing changed does nothing; any change to what the
// build read, to the output, or to the options builds again, and the
// result is what a fresh build makes.
func TestWriteIsUpToDateOnlyWhenNothingChanged(t *testing.T) {
	lesson := "content/01-basics/02-second.md"
	edit := func(file string, f func([]byte) []byte) func(t *testing.T, dir, out string) {
		return func(t *testing.T, dir, out string) {
			p := filepath.Join(dir, file)
			if file == "" {
				p = out
			}
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, f(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	create := func(file, text string) func(t *testing.T, dir, out string) {
		return func(t *testing.T, dir, out string) {
			p := filepath.Join(dir, file)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, dir, out string)
		opts   func(*Options)
		fresh  bool
	}{
		{name: "nothing changed", fresh: true},
		{name: "a file the build never reads is added", change: create("notes/todo.txt", "later"), fresh: true},
		{name: "a lesson is touched", change: func(t *testing.T, dir, _ string) {
			now := time.Now()
			if err := os.Chtimes(filepath.Join(dir, lesson), now, now); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "a lesson is edited", change: edit(lesson, func(b []byte) []byte { return bytes.Replace(b, []byte("A tip."), []byte("A better tip."), 1) })},
		{name: "a lesson is edited to the same size and its time put back", change: func(t *testing.T, dir, out string) {
			p := filepath.Join(dir, lesson)
			st, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			edit(lesson, func(b []byte) []byte { return bytes.Replace(b, []byte("A tip."), []byte("A hint"), 1) })(t, dir, out)
			if err := os.Chtimes(p, st.ModTime(), st.ModTime()); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "a lesson is added", change: create("content/01-basics/03-third.md", "---\ntitle: Third\n---\nNew.\n")},
		{name: "a lesson is removed", change: func(t *testing.T, dir, _ string) {
			if err := os.Remove(filepath.Join(dir, "content/02-later/01-third.md")); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "an exercise's checker is edited", change: edit("exercises/basics/add/check.py", func(b []byte) []byte { return append(b, "\n# more\n"...) })},
		{name: "a theme template appears where there was none", change: create("themes/default/templates/partials/head-extra.html", "<!-- extra -->\n")},
		{name: "a theme's static file is added", change: create("themes/default/static/css/more.css", "p { margin: 0 }\n")},
		{name: "course.toml is edited", change: edit("course.toml", func(b []byte) []byte { return append(b, "\n"...) })},
		{name: "a file of the output is removed", change: func(t *testing.T, _, out string) {
			if err := os.Remove(filepath.Join(out, "basics/second/index.html")); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "a file of the output is edited", change: func(t *testing.T, _, out string) {
			edit("", func(b []byte) []byte { return append(b, ' ') })(t, "", filepath.Join(out, "basics/second/index.html"))
		}},
		{name: "a file is added to the output", change: func(t *testing.T, _, out string) {
			if err := os.WriteFile(filepath.Join(out, "stray.html"), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "another base URL", opts: func(o *Options) { o.BaseURL = "/elsewhere/" }},
		{name: "drafts included", opts: func(o *Options) { o.Drafts = true }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := writeIncrementalCourse(t)
			out := filepath.Join(t.TempDir(), "public")
			opts := Options{Source: dir}
			ageTree(t, dir)
			if res := writeOnce(t, opts, out); res.UpToDate {
				t.Fatal("the first build says it is up to date")
			}
			if res := writeOnce(t, opts, out); !res.UpToDate || res.Pages == 0 || res.Course != nil {
				t.Fatalf("the second build: up to date %v, %d pages, course %v", res.UpToDate, res.Pages, res.Course != nil)
			}
			if tc.change != nil {
				tc.change(t, dir, out)
			}
			if tc.opts != nil {
				tc.opts(&opts)
			}
			res := writeOnce(t, opts, out)
			if res.UpToDate != tc.fresh {
				t.Fatalf("up to date: %v, want %v", res.UpToDate, tc.fresh)
			}
			sameAsFreshBuild(t, tc.name, opts, out)
			// Once built again, with nothing changed since, it is up to date.
			ageTree(t, dir)
			writeOnce(t, opts, out)
			if res := writeOnce(t, opts, out); !res.UpToDate {
				t.Errorf("after building the change, a build with nothing changed is not up to date")
			}
		})
	}
}

// A file modified just before a build could change again within the same
// clock tick, unseen by its stat: no record is kept, and the next build is
// a full one.
func TestWriteIsNotUpToDateAfterARecentEdit(t *testing.T) {
	dir := writeIncrementalCourse(t)
	// Modified "now" for the build, however long a loaded machine takes
	// to start it: a minute ahead (a clock set back counts the same).
	soon := time.Now().Add(time.Minute)
	if err := os.Chtimes(filepath.Join(dir, "content/01-basics/02-second.md"), soon, soon); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	opts := Options{Source: dir}
	writeOnce(t, opts, out)
	if res := writeOnce(t, opts, out); res.UpToDate {
		t.Error("a build right after the files were written says it is up to date")
	}
}

// A build that fails keeps the output and its record as they were; once
// fixed, the build runs in full.
func TestWriteAfterAFailedBuild(t *testing.T) {
	dir := writeIncrementalCourse(t)
	out := filepath.Join(t.TempDir(), "public")
	opts := Options{Source: dir}
	ageTree(t, dir)
	writeOnce(t, opts, out)
	p := filepath.Join(dir, "content/01-basics/02-second.md")
	good, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(good, "\n[broken](nowhere.md)\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	res, err := b.Write(out)
	b.Close()
	if err != nil || res.OK() || res.UpToDate {
		t.Fatalf("a broken link: err %v, ok %v, up to date %v", err, res.OK(), res.UpToDate)
	}
	if err := os.WriteFile(p, good, 0o644); err != nil {
		t.Fatal(err)
	}
	if res := writeOnce(t, opts, out); res.UpToDate {
		t.Error("the fixed build says it is up to date")
	}
	sameAsFreshBuild(t, "fixed", opts, out)
}
