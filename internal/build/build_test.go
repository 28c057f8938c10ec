package build

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mlcourse/course/internal/exercise"
)

var update = flag.Bool("update", false, "rewrite golden files")

// hashRe matches the content hash in a file name; the golden file leaves it
// out so that theme edits do not churn it.
var hashRe = regexp.MustCompile(`\.[0-9a-f]{8}\.`)

// writeArchive materialises a file-marker archive ("-- path --" lines, as
// in txtar) into dir and returns the sections it did not write (e.g.
// "want") and the leading comment.
func writeArchive(t *testing.T, file, dir string) (comment string, extra map[string]string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	extra = map[string]string{}
	var name string
	var buf strings.Builder
	flush := func() {
		if name == "" {
			comment = buf.String()
		} else if name == "want" {
			extra[name] = buf.String()
		} else {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(buf.String()), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		buf.Reset()
	}
	for _, line := range strings.SplitAfter(string(data), "\n") {
		l := strings.TrimRight(line, "\n")
		if strings.HasPrefix(l, "-- ") && strings.HasSuffix(l, " --") && len(l) > 6 {
			flush()
			name = strings.TrimSuffix(strings.TrimPrefix(l, "-- "), " --")
			continue
		}
		buf.WriteString(line)
	}
	flush()
	return comment, extra
}

func newBuilder(t *testing.T, opts Options) *Builder {
	t.Helper()
	opts.NoCache = true
	b, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

func TestBundledCourseBuildsWithoutProblems(t *testing.T) {
	for _, base := range []string{"", "/ml-course/", "https://user.github.io/ml-course/"} {
		res := newBuilder(t, Options{Source: "../..", BaseURL: base}).Build()
		if res.Diags.Len() > 0 || res.Site == nil {
			t.Fatalf("base %q: the bundled course has problems:\n%s", base, res.Diags)
		}
		for _, p := range []string{"index.html", "404.html", "search/index.html", "print/index.html", "robots.txt", ".nojekyll",
			"loss-functions/index.html", "loss-functions/what-is-a-loss/index.html", "loss-functions/print/index.html"} {
			if _, ok := res.Site.Files[p]; !ok {
				t.Errorf("base %q: no %s", base, p)
			}
		}
		_, hasSitemap := res.Site.Files["sitemap.xml"]
		if hasSitemap != strings.HasPrefix(base, "https://") {
			t.Errorf("base %q: sitemap.xml present = %v", base, hasSitemap)
		}
	}
}

func TestEveryLinkInThePagesUsesTheBasePath(t *testing.T) {
	res := newBuilder(t, Options{Source: "../..", BaseURL: "/ml-course/"}).Build()
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	for _, p := range res.Site.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		html := string(res.Site.Files[p])
		for _, attr := range []string{`href="/`, `src="/`, `action="/`} {
			for i := strings.Index(html, attr); i >= 0; {
				rest := html[i+len(attr)-1:]
				if !strings.HasPrefix(rest, "/ml-course/") {
					t.Errorf("%s: %s… does not start with the base path", p, rest[:min(40, len(rest))])
				}
				next := strings.Index(html[i+1:], attr)
				if next < 0 {
					break
				}
				i += 1 + next
			}
		}
	}
}

func TestFixtureMatchesGolden(t *testing.T) {
	dir := t.TempDir()
	writeArchive(t, "testdata/fixture.txt", dir)
	res := newBuilder(t, Options{Source: dir}).Build()
	if !res.OK() {
		t.Fatalf("fixture has problems:\n%s", res.Diags)
	}
	var got bytes.Buffer
	fmt.Fprintln(&got, "# files")
	for _, p := range res.Site.Paths() {
		if themeStatic(p) {
			continue // the theme's own files: the golden file pins what the content makes
		}
		fmt.Fprintln(&got, hashRe.ReplaceAllString(p, ".HASH."))
	}
	for _, p := range res.Site.Paths() {
		if strings.HasPrefix(p, "search-index.") || strings.HasPrefix(p, "search/") && strings.HasSuffix(p, ".json") || p == "sitemap.xml" || p == "robots.txt" {
			data := hashRe.ReplaceAll(bytes.TrimSpace(res.Site.Files[p]), []byte(".HASH."))
			fmt.Fprintf(&got, "\n# %s\n%s\n", hashRe.ReplaceAllString(p, ".HASH."), data)
		}
	}
	golden := "testdata/fixture.golden"
	if *update {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("output differs from %s (run go test -run Golden -update and review the diff):\n%s", golden, got.String())
	}
	lesson := string(res.Site.Files["basics/first/index.html"])
	for _, want := range []string{
		`<a href="/fx/basics/second/">link to the second</a>`,
		`<img src="/fx/basics/img/dot.svg" alt="image">`,
		`<figcaption>A dot</figcaption>`,
		`class="katex"`,
		`https://github.com/example/fx/edit/main/content/01-basics/01-first.md`,
		`<link rel="canonical" href="https://example.org/fx/basics/first/">`,
	} {
		if !strings.Contains(lesson, want) {
			t.Errorf("lesson page lacks %s", want)
		}
	}
	if _, ok := res.Site.Files["draft-module/index.html"]; ok {
		t.Error("a draft module was built without --drafts")
	}
}

func themeStatic(p string) bool {
	for _, prefix := range []string{"css/style.", "js/", "katex/", "favicon."} {
		if strings.HasPrefix(p, prefix) {
			return true
		}
	}
	return false
}

func TestBuildIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	writeArchive(t, "testdata/fixture.txt", dir)
	a := newBuilder(t, Options{Source: dir, Workers: 1}).Build()
	// Touch every file: timestamps must not matter.
	later := time.Now().Add(time.Hour)
	filepath.Walk(dir, func(p string, _ os.FileInfo, _ error) error { return os.Chtimes(p, later, later) })
	b := newBuilder(t, Options{Source: dir, Workers: 4}).Build()
	if !a.OK() || !b.OK() {
		t.Fatal(a.Diags, b.Diags)
	}
	if fmt.Sprint(a.Site.Paths()) != fmt.Sprint(b.Site.Paths()) {
		t.Fatalf("file lists differ:\n%v\n%v", a.Site.Paths(), b.Site.Paths())
	}
	for p, data := range a.Site.Files {
		if !bytes.Equal(data, b.Site.Files[p]) {
			t.Errorf("%s differs between a 1-worker and a 4-worker build", p)
		}
	}
}

func TestInvalidCoursesReportEveryProblem(t *testing.T) {
	files, _ := filepath.Glob("testdata/invalid/*.txt")
	if len(files) == 0 {
		t.Fatal("no invalid fixtures")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			_, extra := writeArchive(t, f, dir)
			out := filepath.Join(t.TempDir(), "public")
			res, err := newBuilder(t, Options{Source: dir}).Write(out)
			if err != nil {
				t.Fatal(err)
			}
			if res.OK() {
				t.Fatal("the build succeeded")
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a failed build wrote the output folder")
			}
			if got := res.Diags.String(); got != extra["want"] {
				t.Errorf("%s: diagnostics differ\n--- got\n%s--- want\n%s", f, got, extra["want"])
			}
		})
	}
}

func TestFailedBuildKeepsThePreviousSite(t *testing.T) {
	dir := t.TempDir()
	writeArchive(t, "testdata/fixture.txt", dir)
	out := filepath.Join(t.TempDir(), "public")
	b := newBuilder(t, Options{Source: dir})
	if res, err := b.Write(out); err != nil || !res.OK() {
		t.Fatal(err, res.Diags)
	}
	before, _ := os.ReadFile(filepath.Join(out, "index.html"))
	os.WriteFile(filepath.Join(dir, "content/01-basics/01-first.md"), []byte("---\ntitle: [broken\n---\n"), 0o644)
	if res, err := b.Write(out); err != nil || res.OK() {
		t.Fatalf("broken build: err=%v ok=%v", err, res != nil && res.OK())
	}
	after, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !bytes.Equal(before, after) {
		t.Error("a failed build changed the previous site")
	}
}

// python finds an interpreter that imports every module in requires,
// trying $COURSE_PYTHON, python3 on PATH, then /usr/bin/python3.
func python(requires []string) string {
	var cands []string
	if p := os.Getenv("COURSE_PYTHON"); p != "" {
		cands = append(cands, p)
	}
	if p, err := exec.LookPath("python3"); err == nil {
		cands = append(cands, p)
	}
	cands = append(cands, "/usr/bin/python3")
	for _, c := range cands {
		args := []string{"-c", "import sys"}
		for _, r := range requires {
			args[1] += "; import " + r
		}
		if exec.Command(c, args...).Run() == nil {
			return c
		}
	}
	return ""
}

// TestBundledCourseHasRunnableBlocks: the bundled course's runnable blocks
// are found with their requirements. `course test all` (scripts/test.sh)
// runs every one of them, in parallel, and compares its output; running
// them here as well would double the suite's slowest part.
func TestBundledCourseHasRunnableBlocks(t *testing.T) {
	res := newBuilder(t, Options{Source: "../.."}).Build()
	if res.Course == nil {
		t.Fatal(res.Diags)
	}
	blocks := Blocks(res.Course)
	if len(blocks) == 0 {
		t.Fatal("the bundled course has no runnable code block")
	}
	for _, b := range blocks {
		if b.Output == nil && !strings.Contains(b.Code, "assert") {
			t.Errorf("%s: a runnable block with neither an output block nor an assert checks nothing", b.Name())
		}
	}
}

// TestBlockRunReportsFailures pins what a failing block says, run as a
// new interpreter and forked from a fork server (the same, to the byte).
func TestBlockRunReportsFailures(t *testing.T) {
	py := python(nil)
	if py == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no python3")
		}
		t.Skip("!!! NO PYTHON: block runs not tested")
	}
	want := "2\n"
	wrong := "3\n"
	one := "1\n"
	interleaved := "out\nerr\nout again\n"
	preloaded := "True\n"
	cases := []struct {
		name, code string
		output     *string
		timeout    time.Duration
		err        string
	}{
		{"matches", "print(1 + 1)", &want, time.Minute, ""},
		{"no output block", "print(1 + 1)", nil, time.Minute, ""},
		{"differs", "print(1 + 1)", &wrong, time.Minute, "the output differs"},
		{"raises", "raise ValueError('boom')", nil, time.Minute, "ValueError: boom"},
		{"times out", "while True: pass", nil, 300 * time.Millisecond, "timed out after 300ms"},
		// One math thread, so printed numbers do not depend on the machine.
		{"one math thread", "import os; print(os.environ['OMP_NUM_THREADS'])", &one, time.Minute, ""},
		{"exits", "import sys; print('bye'); sys.exit(4)", nil, time.Minute, "the block failed (exit status 4):\nbye"},
		{"streams in one", "import sys\nprint('out'); print('err', file=sys.stderr); sys.stdout.flush(); print('out again')", &interleaved, time.Minute, ""},
		{"has its requires", "import sys; print('xml.dom.minidom' in sys.modules)", &preloaded, time.Minute, ""},
	}
	forks := &exercise.Forks{}
	defer forks.Close()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := Block{File: "content/x.md", Line: 7, Code: c.code, Output: c.output, Timeout: c.timeout}
			if c.name == "has its requires" {
				b.Requires = []string{"xml.dom.minidom"}
			}
			text, err := b.RunForked(context.Background(), []string{py}, forks)
			if c.name == "has its requires" {
				if err != nil {
					t.Fatalf("forked: %v", err)
				}
				return // a new interpreter has not imported it: the one difference
			}
			text2, err2 := b.Run(context.Background(), []string{py})
			if text != text2 || fmt.Sprint(err) != fmt.Sprint(err2) {
				t.Errorf("forked: %q, %v\nnew interpreter: %q, %v", text, err, text2, err2)
			}
			if c.err == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.err) || !strings.HasPrefix(err.Error(), "content/x.md:7: ") {
				t.Fatalf("err = %v, want content/x.md:7: ... %s", err, c.err)
			}
		})
	}
}

// readDir returns the files under dir by slash path, without the marker.
func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == ".course-build" {
			return nil
		}
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestRebuildCarriesOverOnlyUnchangedPages(t *testing.T) {
	dir := t.TempDir()
	writeArchive(t, "testdata/fixture.txt", dir)
	out := filepath.Join(t.TempDir(), "public")
	b, err := New(Options{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	write := func() *Result {
		t.Helper()
		res, err := b.Write(out)
		if err != nil || !res.OK() {
			t.Fatalf("build: %v\n%v", err, res.Diags)
		}
		return res
	}
	same := func(what string) {
		t.Helper()
		sameAsFreshBuild(t, what, Options{Source: dir}, out)
	}
	pages := 4
	if res := write(); res.Reused != 0 {
		t.Errorf("first build reused %d pages", res.Reused)
	}
	if res := write(); res.Reused != pages {
		t.Errorf("unchanged rebuild reused %d of %d pages", res.Reused, pages)
	}
	same("unchanged rebuild")

	lesson := filepath.Join(dir, "content/01-basics/02-second.md")
	data, _ := os.ReadFile(lesson)
	os.WriteFile(lesson, bytes.Replace(data, []byte("A tip."), []byte("A better tip."), 1), 0o644)
	if res := write(); res.Reused != pages-1 {
		t.Errorf("after a body edit, reused %d pages, want %d", res.Reused, pages-1)
	}
	same("body edit")

	os.WriteFile(lesson, bytes.Replace(data, []byte(`title = "Second lesson"`), []byte(`title = "Second, renamed"`), 1), 0o644)
	if res := write(); res.Reused != 0 {
		t.Errorf("after a title edit (shown in every sidebar), reused %d pages", res.Reused)
	}
	same("title edit")

	// A hand-made change in the output folder must not survive: the stamp
	// ties the cache to the build it describes, not to the files.
	os.WriteFile(filepath.Join(out, ".course-build"), []byte("Built by course.\nstamp: other\n"), 0o644)
	if res := write(); res.Reused != 0 {
		t.Errorf("with a foreign stamp, reused %d pages", res.Reused)
	}
	same("foreign stamp")
}

func sortedKeys(m map[string][]byte) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestRebuildInMemoryCarriesOverUnchangedPages(t *testing.T) {
	dir := t.TempDir()
	writeArchive(t, "testdata/fixture.txt", dir)
	b := newBuilder(t, Options{Source: dir})
	first := b.Build()
	if !first.OK() {
		t.Fatal(first.Diags)
	}
	lesson := filepath.Join(dir, "content/01-basics/02-second.md")
	data, _ := os.ReadFile(lesson)
	os.WriteFile(lesson, bytes.Replace(data, []byte("A tip."), []byte("A better tip."), 1), 0o644)
	second := b.Rebuild(first, Changes{Paths: []string{"content/01-basics/02-second.md"}})
	if !second.OK() || second.Reused != 3 {
		t.Fatalf("reused %d pages, want 3\n%v", second.Reused, second.Diags)
	}
	fresh := newBuilder(t, Options{Source: dir}).Build()
	if fmt.Sprint(fresh.Site.Paths()) != fmt.Sprint(second.Site.Paths()) {
		t.Fatalf("files differ:\n%v\n%v", fresh.Site.Paths(), second.Site.Paths())
	}
	for p, want := range fresh.Site.Files {
		if !bytes.Equal(want, second.Site.Files[p]) {
			t.Errorf("%s differs from a fresh build", p)
		}
	}
	// A failed build is not a base to carry over from.
	os.WriteFile(lesson, []byte("---\ntitle: [broken\n---\n"), 0o644)
	broken := b.Rebuild(second, Changes{Paths: []string{"content/01-basics/02-second.md"}})
	if broken.OK() {
		t.Fatal("a broken page built")
	}
	os.WriteFile(lesson, data, 0o644)
	if again := b.Rebuild(broken, Changes{Paths: []string{"content/01-basics/02-second.md"}}); !again.OK() || again.Reused != 0 {
		t.Errorf("after a failed build: ok=%v reused=%d, want a full build", again.OK(), again.Reused)
	}
}

func TestRebuildSeesThemeChanges(t *testing.T) {
	dir := t.TempDir()
	writeArchive(t, "testdata/fixture.txt", dir)
	b := newBuilder(t, Options{Source: dir})
	first := b.Build()
	if !first.OK() {
		t.Fatal(first.Diags)
	}
	footer := filepath.Join(dir, "themes/default/templates/partials/footer.html")
	os.MkdirAll(filepath.Dir(footer), 0o755)
	os.WriteFile(footer, []byte(`{{define "footer"}}<footer>override-marker</footer>{{end}}`), 0o644)
	second := b.Rebuild(first, Changes{Paths: []string{"themes"}})
	if !second.OK() || second.Reused != 0 {
		t.Fatalf("ok=%v reused=%d after a theme change\n%v", second.OK(), second.Reused, second.Diags)
	}
	if !bytes.Contains(second.Site.Files["basics/first/index.html"], []byte("override-marker")) {
		t.Error("the overridden footer is not in the rebuilt page")
	}
	os.Remove(footer)
	third := b.Rebuild(second, Changes{Paths: []string{"themes/default/templates/partials/footer.html"}})
	if bytes.Contains(third.Site.Files["basics/first/index.html"], []byte("override-marker")) {
		t.Error("the removed override is still used")
	}
}

// TestServiceWorkerDescribesTheBuild checks sw.js's first line: every page
// but the print pages is precached, hashed files are immutable and no other
// file is, and the version changes with a lesson's text and only then.
func TestServiceWorkerDescribesTheBuild(t *testing.T) {
	dir := t.TempDir()
	writeArchive(t, "testdata/fixture.txt", dir)
	config := func() (cfg struct {
		Version   string   `json:"version"`
		Base      string   `json:"base"`
		Precache  []string `json:"precache"`
		Immutable []string `json:"immutable"`
	}) {
		t.Helper()
		res := newBuilder(t, Options{Source: dir}).Build()
		if !res.OK() {
			t.Fatal(res.Diags)
		}
		sw := string(res.Site.Files["sw.js"])
		m := regexp.MustCompile(`(?m)^const COURSE = (\{.*\});$`).FindStringSubmatch(sw)
		if m == nil {
			t.Fatalf("sw.js does not start with its configuration:\n%.300s", sw)
		}
		if err := json.Unmarshal([]byte(m[1]), &cfg); err != nil {
			t.Fatal(err)
		}
		return cfg
	}
	first := config()
	if first.Base != "/fx/" {
		t.Errorf("base %q, want /fx/", first.Base)
	}
	for _, want := range []string{"/fx/", "/fx/basics/", "/fx/basics/first/", "/fx/basics/second/", "/fx/search/", "/fx/404.html", "/fx/search-index.json"} {
		if !slices.Contains(first.Precache, want) {
			t.Errorf("precache lacks %s: %q", want, first.Precache)
		}
	}
	for _, u := range first.Precache {
		if strings.Contains(u, "/print/") || strings.Contains(u, "pyodide") {
			t.Errorf("precache has %s", u)
		}
	}
	if len(first.Immutable) == 0 {
		t.Error("no immutable files")
	}
	for _, u := range first.Immutable {
		if !regexp.MustCompile(`\.[0-9a-f]{8}[./]`).MatchString(u) {
			t.Errorf("%s is immutable but its name has no hash", u)
		}
	}
	if again := config(); again.Version != first.Version {
		t.Errorf("the same input gave versions %s and %s", first.Version, again.Version)
	}
	lesson := filepath.Join(dir, "content/01-basics/02-second.md")
	data, err := os.ReadFile(lesson)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(lesson, append(data, []byte("\nOne more sentence.\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	if next := config(); next.Version == first.Version {
		t.Error("a lesson changed and the version did not")
	}
}
