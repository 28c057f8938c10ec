package build

import (
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
	index := string(files["search-index.json"])
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
