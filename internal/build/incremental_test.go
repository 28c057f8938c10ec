package build

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

var (
	incrSeed  = flag.Int64("incr.seed", 1, "seed of TestRebuildMatchesAFreshBuild's edits")
	incrSteps = flag.Int("incr.steps", 40, "edits of TestRebuildMatchesAFreshBuild")
)

// writeIncrementalCourse writes testdata/incremental.txt, with the
// repository's checker library, to a temporary folder.
func writeIncrementalCourse(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeArchive(t, "testdata/incremental.txt", dir)
	lib, err := os.ReadFile("../../exercises/_lib/coursecheck.py")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "exercises/_lib"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "exercises/_lib/coursecheck.py"), lib, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// sameSite reports how an incremental build differs from a fresh build of
// the same tree: whether they failed, their problems, and every file.
func sameSite(got, want *Result) string {
	if got.OK() != want.OK() || got.Diags.String() != want.Diags.String() {
		return fmt.Sprintf("problems differ:\nincremental (ok=%v):\n%s\nfresh (ok=%v):\n%s", got.OK(), got.Diags, want.OK(), want.Diags)
	}
	if !want.OK() {
		return ""
	}
	gp, wp := got.Site.Paths(), want.Site.Paths()
	var diffs []string
	for _, p := range wp {
		g, ok := got.Site.File(p) // a lazy file is made, as the preview makes it when asked
		w, _ := want.Site.File(p)
		if !ok {
			diffs = append(diffs, "missing "+p)
		} else if !bytes.Equal(g, w) {
			diffs = append(diffs, "differs "+p)
		}
	}
	for _, p := range gp {
		if !want.Site.Has(p) {
			diffs = append(diffs, "extra "+p)
		}
	}
	if len(diffs) > 8 {
		diffs = append(diffs[:8], fmt.Sprintf("and %d more", len(diffs)-8))
	}
	return strings.Join(diffs, "\n")
}

// editor applies random edits of the kinds an author makes to the course
// in dir, and returns the paths each edit changed as a watcher reports
// them (a renamed folder: its old and new paths).
type editor struct {
	t   *testing.T
	dir string
	rnd *rand.Rand
	n   int // edits made, for unique text
}

func (e *editor) path(rel string) string { return filepath.Join(e.dir, filepath.FromSlash(rel)) }

func (e *editor) read(rel string) string {
	data, err := os.ReadFile(e.path(rel))
	if err != nil {
		e.t.Fatal(err)
	}
	return string(data)
}

func (e *editor) write(rel, data string) {
	p := e.path(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		e.t.Fatal(err)
	}
}

// files lists the files below rel whose names match pattern.
func (e *editor) files(rel, pattern string) []string {
	var out []string
	_ = filepath.WalkDir(e.path(rel), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if ok, _ := path.Match(pattern, d.Name()); ok {
				r, _ := filepath.Rel(e.dir, p)
				out = append(out, filepath.ToSlash(r))
			}
		}
		return nil
	})
	slices.Sort(out)
	return out
}

func (e *editor) pick(list []string) string { return list[e.rnd.Intn(len(list))] }

// laterModule is the folder of the second module, whose name the edits
// change.
func (e *editor) laterModule() string {
	for _, m := range []string{"02-later", "03-later", "02-afterwards"} {
		if _, err := os.Stat(e.path("content/" + m)); err == nil {
			return "content/" + m
		}
	}
	e.t.Fatal("the second module is gone")
	return ""
}

var titleLine = regexp.MustCompile(`(?m)^title: .*$`)

// edit makes one random edit and describes it.
func (e *editor) edit() (string, []string) {
	e.n++
	n := e.n
	switch e.rnd.Intn(10) {
	case 0, 1: // lesson text: a paragraph of 1 to 400 words (reading times change)
		f := e.pick(e.files("content", "*.md"))
		words := strings.Repeat("word ", 1+e.rnd.Intn(400))
		e.write(f, e.read(f)+fmt.Sprintf("\nParagraph %d: %s\n", n, words))
		return "text of " + f, []string{f}
	case 2: // front matter: a new title
		f := e.pick(e.files("content", "*.md"))
		e.write(f, titleLine.ReplaceAllString(e.read(f), fmt.Sprintf("title: Title %d", n)))
		return "title of " + f, []string{f}
	case 3: // a new lesson
		m := e.pick([]string{"content/01-basics", e.laterModule()})
		f := fmt.Sprintf("%s/%02d-new-%d.md", m, 1+e.rnd.Intn(9), n)
		e.write(f, fmt.Sprintf("---\ntitle: New %d\n---\nA new lesson, linking [the first](../01-basics/01-first.md).\n", n))
		return "new " + f, []string{f}
	case 4: // a deleted lesson (only those the edits added: the others are linked to)
		news := e.files("content", "*-new-*.md")
		if len(news) == 0 {
			return "nothing", nil
		}
		f := e.pick(news)
		if err := os.Remove(e.path(f)); err != nil {
			e.t.Fatal(err)
		}
		return "deleted " + f, []string{f}
	case 5: // a renamed module folder (its number, or its slug)
		old := e.laterModule()
		names := slices.DeleteFunc([]string{"content/02-later", "content/03-later", "content/02-afterwards"}, func(s string) bool { return s == old })
		to := e.pick(names)
		if err := os.Rename(e.path(old), e.path(to)); err != nil {
			e.t.Fatal(err)
		}
		return "renamed " + old + " to " + to, []string{old, to}
	case 6: // the exercise's checker
		f := "exercises/basics/add/check.py"
		e.write(f, e.read(f)+fmt.Sprintf("\n# edit %d\n", n))
		return "checker", []string{f}
	case 7: // a theme template: overridden, changed or the override removed
		f := "themes/default/templates/partials/footer.html"
		if e.rnd.Intn(3) == 0 {
			os.Remove(e.path(f))
			return "footer override removed", []string{f}
		}
		e.write(f, fmt.Sprintf(`{{define "footer"}}<footer class="site-footer">Footer %d</footer>{{end}}`, n))
		return "footer template", []string{f}
	case 8: // a static file: the theme's, or a content asset
		if e.rnd.Intn(2) == 0 {
			f := "themes/default/static/css/extra.css"
			e.write(f, fmt.Sprintf(".extra { color: #%06x; }\n", n))
			return "theme css", []string{f}
		}
		f := "content/01-basics/img/dot.svg"
		e.write(f, fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="4"></svg>`, n))
		return "content asset", []string{f}
	default: // course.toml: the title, or where Pyodide comes from
		f := "course.toml"
		runner := ""
		if e.rnd.Intn(2) == 0 {
			runner = "\n[runner]\npyodide = \"cdn\"\n"
		}
		e.write(f, fmt.Sprintf("title = \"Incremental %d\"\ndescription = \"Edited.\"\nbase_url = \"https://example.org/inc/\"\n%s", n, runner))
		return "course.toml", []string{f}
	}
}

// TestRebuildMatchesAFreshBuild applies random edits to a course (lesson
// text and front matter, new and deleted lessons, a renamed module, the
// exercise's checker, a theme template and static file, a content asset,
// course.toml) and checks after each that a rebuild told what changed
// gives the very files and problems of a fresh full build of the tree.
// -incr.seed and -incr.steps choose other sequences.
func TestRebuildMatchesAFreshBuild(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lazy  bool // print pages made when first read, as in the preview
		every int  // compare after every n-th edit: lazy print pages made rebuilds later
	}{
		{"print pages joined in the build", false, 1},
		// A lazy page made in a step is read in that step every third
		// step, and two steps after it was put otherwise.
		{"print pages joined when read, read after every third edit", true, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := writeIncrementalCourse(t)
			b := newBuilder(t, Options{Source: dir, Preview: tc.lazy})
			prev := b.Build()
			if !prev.OK() {
				t.Fatal(prev.Diags)
			}
			ed := &editor{t: t, dir: dir, rnd: rand.New(rand.NewSource(*incrSeed))}
			var log []string
			ok := 0
			for step := 1; step <= *incrSteps; step++ {
				what, changed := ed.edit()
				log = append(log, fmt.Sprintf("%d. %s", step, what))
				got := b.Rebuild(prev, Changes{Paths: changed})
				if step%tc.every == 0 || !got.OK() {
					want := newBuilder(t, Options{Source: dir}).Build()
					if d := sameSite(got, want); d != "" {
						t.Fatalf("seed %d, after the edits\n%s\nthe rebuild differs from a fresh build:\n%s", *incrSeed, strings.Join(log, "\n"), d)
					}
				}
				if got.OK() {
					prev = got
					ok++
				}
			}
			if ok < *incrSteps/2 {
				t.Errorf("only %d of %d edits left a course that builds: the sequence tests little\n%s", ok, *incrSteps, strings.Join(log, "\n"))
			}
		})
	}
}

// countingFS counts the reads of each regular file.
type countingFS struct {
	fsys  fs.FS
	mu    sync.Mutex
	reads map[string]int
}

func (c *countingFS) count(name string) {
	c.mu.Lock()
	c.reads[name]++
	c.mu.Unlock()
}

func (c *countingFS) Open(name string) (fs.File, error) {
	f, err := c.fsys.Open(name)
	if err == nil {
		if st, err := f.Stat(); err == nil && !st.IsDir() {
			c.count(name)
		}
	}
	return f, err
}

func (c *countingFS) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(c.fsys, name)
	if err == nil {
		c.count(name)
	}
	return data, err
}

func (c *countingFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(c.fsys, name) }
func (c *countingFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(c.fsys, name) }

func (c *countingFS) take() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.reads
	c.reads = map[string]int{}
	return out
}

// TestRebuildReadsOnlyTheChangedFiles counts the file reads of rebuilds
// after one-file edits: each reads the edited file once and no other.
func TestRebuildReadsOnlyTheChangedFiles(t *testing.T) {
	dir := writeIncrementalCourse(t)
	cfs := &countingFS{fsys: os.DirFS(dir), reads: map[string]int{}}
	b := newBuilder(t, Options{Source: dir, FS: cfs})
	prev := b.Build()
	if !prev.OK() {
		t.Fatal(prev.Diags)
	}
	if first := cfs.take(); first["content/01-basics/01-first.md"] != 1 || first["exercises/basics/add/check.py"] != 1 {
		t.Fatalf("the first build's reads: %v", first)
	}
	ed := &editor{t: t, dir: dir}
	for _, f := range []string{
		"content/01-basics/01-first.md",
		"content/02-later/01-third.md",
		"exercises/basics/add/check.py",
		"themes/default/templates/partials/footer.html",
		"themes/default/static/css/extra.css",
		"course.toml",
	} {
		ed.write(f, ed.read(f)+"\n")
		res := b.Rebuild(prev, Changes{Paths: []string{f}})
		if !res.OK() {
			t.Fatalf("after editing %s: %v", f, res.Diags)
		}
		if reads := cfs.take(); len(reads) != 1 || reads[f] != 1 {
			t.Errorf("after editing %s, the rebuild read %v; want %s once", f, reads, f)
		}
		prev = res
	}
}

// TestRebuildRendersOnlyTheEditedPage checks what rebuilds after a text
// edit of one lesson do rather than carry over: they convert, render and
// index that lesson only, write the search index's shard and the print
// pages that hold it (its module's and the whole course's) and no other,
// and splice those from the pages' kept HTML instead of passing it through
// the print template.
func TestRebuildRendersOnlyTheEditedPage(t *testing.T) {
	dir := writeIncrementalCourse(t)
	b := newBuilder(t, Options{Source: dir})
	prev := b.Build()
	if !prev.OK() {
		t.Fatal(prev.Diags)
	}
	first := prev.Work
	if w := first; len(w.Converted) != len(prev.Course.Pages) || w.PrintInline != 0 || len(w.PrintPages) != 3 || len(w.Shards) != 3 ||
		len(w.Skeletons) != 3 || len(w.Extras) != 2 || len(w.Sidebars) != 4 {
		t.Fatalf("the first build converted %v, wrote the print pages %v and the search shards %v, and printed %d sections through the template",
			w.Converted, w.PrintPages, w.Shards, w.PrintInline)
	}
	ed := &editor{t: t, dir: dir}
	for i, tt := range []struct {
		file, shard string
		print       []string
	}{
		{"content/01-basics/01-first.md", "search/basics.", []string{"basics/print/index.html", "print/index.html"}},
		{"content/02-later/01-third.md", "search/later.", []string{"later/print/index.html", "print/index.html"}},
		{"content/01-basics/02-second.md", "search/basics.", []string{"basics/print/index.html", "print/index.html"}},
	} {
		// A word more: the reading time, which other pages show, stays.
		ed.write(tt.file, ed.read(tt.file)+fmt.Sprintf("\nEdit%d.\n", i))
		res := b.Rebuild(prev, Changes{Paths: []string{tt.file}})
		if !res.OK() {
			t.Fatalf("after editing %s: %v", tt.file, res.Diags)
		}
		one := []string{tt.file}
		w := res.Work
		for _, c := range []struct {
			what      string
			got, want []string
		}{
			{"converted", w.Converted, one},
			{"rendered", w.Rendered, one},
			{"encoded for the search index", w.Encoded, one},
			{"wrote the print pages", w.PrintPages, tt.print},
			// The pages' places and titles are the same: so are the
			// print pages' skeletons and the search and 404 pages.
			{"ran the print template for", w.Skeletons, nil},
			{"ran the template of", w.Extras, nil},
			{"rendered the sidebars of", w.Sidebars, nil},
		} {
			if !slices.Equal(c.got, c.want) {
				t.Errorf("after editing %s, the rebuild %s %v; want %v", tt.file, c.what, c.got, c.want)
			}
		}
		if len(w.Shards) != 1 || !strings.HasPrefix(w.Shards[0], tt.shard) {
			t.Errorf("after editing %s, the rebuild wrote the search index's shards %v; want %s… only", tt.file, w.Shards, tt.shard)
		}
		if w.PrintInline != 0 {
			t.Errorf("after editing %s, the rebuild printed %d sections through the print template; want them spliced", tt.file, w.PrintInline)
		}
		prev = res
	}
	// A new title is in every page's sidebar: the skeletons and the search
	// and 404 pages are made again.
	f := "content/02-later/01-third.md"
	ed.write(f, strings.Replace(ed.read(f), "title: Third lesson", "title: Third lesson, renamed", 1))
	res := b.Rebuild(prev, Changes{Paths: []string{f}})
	if !res.OK() {
		t.Fatalf("after renaming %s: %v", f, res.Diags)
	}
	if w := res.Work; len(w.Skeletons) != 3 || !slices.Equal(w.Extras, []string{"404.html", "search/index.html"}) || len(w.Sidebars) != len(first.Sidebars) {
		t.Errorf("after renaming a lesson, the rebuild ran the print template for %v and the template of %v, and rendered the sidebars %q; want the 3 print pages, 404.html, search/index.html, and the %d sidebars",
			w.Skeletons, w.Extras, w.Sidebars, len(first.Sidebars))
	}
	if page, _ := res.Site.File("404.html"); !bytes.Contains(page, []byte("Third lesson, renamed")) {
		t.Errorf("after renaming a lesson, 404.html does not show the new title")
	}
}
