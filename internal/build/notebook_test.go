package build

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// notebookSite builds testdata/notebook.txt with the notebook fixture
// of package notebook as lesson 02-plots.ipynb.
func notebookSite(t *testing.T) (*Result, string) {
	t.Helper()
	dir := t.TempDir()
	writeArchive(t, "testdata/notebook.txt", dir)
	nb, err := os.ReadFile("../notebook/testdata/outputs.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/01-nb/02-plots.ipynb"), nb, 0o644); err != nil {
		t.Fatal(err)
	}
	res := newBuilder(t, Options{Source: dir}).Build()
	if !res.OK() {
		t.Fatalf("the notebook course has problems:\n%s", res.Diags)
	}
	return res, dir
}

func TestNotebookIsALessonAmongMarkdownLessons(t *testing.T) {
	res, _ := notebookSite(t)
	files := res.Site.Files
	page := string(files["nb/plots/index.html"])
	if page == "" {
		t.Fatalf("no page for the notebook; files: %v", res.Site.Paths())
	}
	if _, ok := files["nb/02-plots.ipynb"]; ok {
		t.Error("the notebook was also copied as a file")
	}
	imgRe := regexp.MustCompile(`<img src="/nb/nb/plots/(nb-[0-9a-f]{16}\.(?:png|jpg|gif|svg))"[^>]* width="\d+" height="\d+"`)
	imgs := imgRe.FindAllStringSubmatch(page, -1)
	if len(imgs) != 5 {
		t.Errorf("%d output images with a size, want 5", len(imgs))
	}
	for _, m := range imgs {
		if len(files["nb/plots/"+m[1]]) == 0 {
			t.Errorf("image %s is not written", m[1])
		}
	}
	for _, want := range []string{
		"<title>Plots, tables and errors",
		`<h1>Plots, tables and errors</h1>`,
		`<img src="/nb/nb/plots/nb-`,                                   // the attachment
		`<span class="katex">`,                                         // markdown math through KaTeX
		`<div class="nb-output nb-latex"><span class="katex-display">`, // text/latex through KaTeX
		`<pre class="chroma" data-lang="python"><code><span class="line"><span class="cl"><span class="kn">import</span>`, // highlighted as Python
		`<table class="dataframe">`,
		`<span class="ansi-red-fg">ZeroDivisionError</span>`,
		`Every kind of output`, // the summary from metadata.course
		`https://github.com/example/nb/edit/main/content/01-nb/02-plots.ipynb`,
		`href="/nb/nb/intro/"`, `href="/nb/nb/after/"`, // previous and next
	} {
		if !strings.Contains(page, want) {
			t.Errorf("notebook page lacks %s", want)
		}
	}
	css := regexp.MustCompile(`<link rel="stylesheet" href="/nb/css/notebook\.[0-9a-f]{8}\.css">`)
	if !css.MatchString(page) || !css.MatchString(string(files["nb/print/index.html"])) {
		t.Error("the notebook page or its module's print page does not load css/notebook.css")
	}
	if strings.Contains(string(files["nb/intro/index.html"]), "notebook.") {
		t.Error("a .md lesson loads the notebook stylesheet")
	}
	if strings.Contains(page, "<script>alert") {
		t.Error("a script of an output reached the page")
	}
	intro := string(files["nb/intro/index.html"])
	if !strings.Contains(intro, `<a href="/nb/nb/plots/#setup">its setup</a>`) {
		t.Error("a .md lesson's link to the notebook's heading did not resolve")
	}
	if !strings.Contains(string(files["nb/after/index.html"]), `href="/nb/nb/plots/"`) {
		t.Error("the notebook as a prerequisite is not linked")
	}
	index := ""
	for p, data := range files {
		if strings.HasPrefix(p, "search/") && strings.HasSuffix(p, ".json") {
			index += string(data) // the search index's shards
		}
	}
	for _, want := range []string{`"t":"Plots, tables and errors","u":"/nb/nb/plots/"`, `"h":"Setup","a":"setup"`} {
		if !strings.Contains(index, want) {
			t.Errorf("search index lacks %s", want)
		}
	}
	print := string(files["nb/print/index.html"])
	if !strings.Contains(print, "ZeroDivisionError") || !strings.Contains(print, `<table class="dataframe">`) {
		t.Error("the module's print page lacks the notebook's outputs")
	}
	module := string(files["nb/index.html"])
	if i, j, k := strings.Index(module, "/nb/nb/intro/"), strings.Index(module, "/nb/nb/plots/"), strings.Index(module, "/nb/nb/after/"); i < 0 || !(i < j && j < k) {
		t.Error("the module lists the lessons out of order")
	}
}

// testNotebook writes a course whose lesson is a notebook of the given
// cells (JSON) with metadata.course.test set, and loads it.
func testNotebookBlocks(t *testing.T, cells string) []Block {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"content/01-m/_index.md": "---\ntitle: M\n---\n",
		"content/01-m/01-nb.ipynb": `{"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Run me\n"]},
` + cells + `],
 "metadata": {"course": {"test": true}, "language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}
`,
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res := newBuilder(t, Options{Source: dir}).Build()
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	return Blocks(res.Course)
}

func codeCell(src, outputs string, tags ...string) string {
	q, _ := json.Marshal(src)
	t, _ := json.Marshal(append([]string{}, tags...))
	return `{"cell_type": "code", "execution_count": 1, "metadata": {"tags": ` + string(t) + `}, "source": ` + string(q) + `, "outputs": [` + outputs + `]}`
}

func stdout(text string) string {
	q, _ := json.Marshal(text)
	return `{"output_type": "stream", "name": "stdout", "text": ` + string(q) + `}`
}

func result(text string) string {
	q, _ := json.Marshal(text)
	return `{"output_type": "execute_result", "execution_count": 1, "metadata": {}, "data": {"text/plain": ` + string(q) + `}}`
}

func TestCourseTestRunsATestNotebookAndComparesItsOutputs(t *testing.T) {
	py := python(nil)
	if py == "" {
		t.Skip("no python3")
	}
	good := []string{
		codeCell("x = 2\nprint(x)\n", stdout("2\n")),
		codeCell("x * 21", result("42")),
		codeCell("1/0", `{"output_type": "error", "ename": "ZeroDivisionError", "evalue": "division by zero", "traceback": []}`),
		codeCell("%matplotlib inline\nprint('ok')\nx;", stdout("ok\n")),
		codeCell("object()", result("<object object at 0x7f3a2c1d0e10>")),
		codeCell("print('not run')", "", "skip-execution"),
		codeCell("import sys\nprint('warning', file=sys.stderr)\nprint(x)", stdout("2\n")+`, {"output_type": "stream", "name": "stderr", "text": "warning\n"}`),
	}
	cases := []struct {
		name  string
		cells []string
		want  []string // in the error, in order; none: the run passes
	}{
		{"outputs as stored pass", good, nil},
		{"a changed output names the cell and shows a diff", append(append([]string{}, good[:1]...), codeCell("x * 21", result("41")), good[2]),
			[]string{"content/01-m/01-nb.ipynb:1: content/01-m/01-nb.ipynb:", ": cell 3 printed other than its stored output (- stored, + now):", "- 41", "+ 42"}},
		{"an error the notebook did not store stops the run", []string{codeCell("undefined_name", ""), codeCell("print(1)", stdout("2\n"))},
			[]string{"cell 2 raised an error it did not store:", "NameError: name 'undefined_name' is not defined"}},
		{"a stored error that does not happen", []string{codeCell("1", `{"output_type": "error", "ename": "ValueError", "evalue": "x", "traceback": []}, `+result("1"))},
			[]string{`cell 2 stored the error "ValueError: x" but ran without one`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			blocks := testNotebookBlocks(t, strings.Join(tc.cells, ",\n"))
			if len(blocks) != 1 {
				t.Fatalf("%d blocks, want the notebook's one", len(blocks))
			}
			if tc.want == nil && strings.Join(blocks[0].Requires, ",") != "sys" {
				t.Errorf("requires = %v, want the module the cells import", blocks[0].Requires)
			}
			_, err := blocks[0].Run(context.Background(), []string{py})
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatal("the run passed")
			}
			rest := err.Error()
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("error lacks (in order) %q:\n%s", w, err)
				}
				rest = rest[i+len(w):]
			}
			if strings.Contains(err.Error(), "cell 4") {
				t.Errorf("a cell after the failure was reported:\n%s", err)
			}
		})
	}
}

func TestNotebooksWithoutTestAreNotRun(t *testing.T) {
	res, _ := notebookSite(t)
	if blocks := Blocks(res.Course); len(blocks) != 0 {
		t.Errorf("%d blocks from a notebook without metadata.course.test", len(blocks))
	}
}

func TestLineDiff(t *testing.T) {
	for _, tc := range []struct{ a, b, want string }{
		{"1\n2\n3", "1\n2\n3", "  1\n  2\n  3"},
		{"1\n2\n3", "1\n4\n3", "  1\n- 2\n+ 4\n  3"},
		{"a", "a\nb", "  a\n+ b"},
		{"a\nb", "b", "- a\n  b"},
	} {
		if got := lineDiff(tc.a, tc.b); got != tc.want {
			t.Errorf("lineDiff(%q, %q) =\n%s\nwant\n%s", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestRebuildCarriesOverAnUnchangedNotebookWithItsImages(t *testing.T) {
	dir := t.TempDir()
	writeArchive(t, "testdata/notebook.txt", dir)
	nbFile := filepath.Join(dir, "content/01-nb/02-plots.ipynb")
	nb, err := os.ReadFile("../notebook/testdata/outputs.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(nbFile, nb, 0o644)
	b := newBuilder(t, Options{Source: dir})
	first := b.Build()
	if !first.OK() {
		t.Fatal(first.Diags)
	}
	same := func(res *Result) {
		t.Helper()
		fresh := newBuilder(t, Options{Source: dir}).Build()
		if fmt.Sprint(fresh.Site.Paths()) != fmt.Sprint(res.Site.Paths()) {
			t.Fatalf("files differ from a fresh build:\n%v\n%v", fresh.Site.Paths(), res.Site.Paths())
		}
		for p, want := range fresh.Site.Files {
			if !bytes.Equal(want, res.Site.Files[p]) {
				t.Errorf("%s differs from a fresh build", p)
			}
		}
	}
	// An edit elsewhere: the notebook's page and images are carried over.
	intro := filepath.Join(dir, "content/01-nb/01-intro.md")
	data, _ := os.ReadFile(intro)
	os.WriteFile(intro, append(data, []byte("\nMore.\n")...), 0o644)
	second := b.Rebuild(first, Changes{Paths: []string{"content/01-nb/01-intro.md"}})
	if !second.OK() || second.Reused == 0 {
		t.Fatalf("reused %d pages\n%v", second.Reused, second.Diags)
	}
	if len(second.pageCache.Entries["content/01-nb/02-plots.ipynb"].Files) != 6 {
		t.Errorf("the notebook's cache entry lists %v, want its 6 files", second.pageCache.Entries["content/01-nb/02-plots.ipynb"].Files)
	}
	same(second)
	// A changed output of the same length (the body of markers is the same):
	// rendered again.
	os.WriteFile(nbFile, bytes.Replace(nb, []byte(`"careful\n"`), []byte(`"CAREFUL\n"`), 1), 0o644)
	third := b.Rebuild(second, Changes{Paths: []string{"content/01-nb/02-plots.ipynb"}})
	if !third.OK() || !strings.Contains(string(third.Site.Files["nb/plots/index.html"]), "CAREFUL") {
		t.Fatalf("a changed output is not shown\n%v", third.Diags)
	}
	same(third)
}
