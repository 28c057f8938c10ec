package mdbook

import (
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/mlcourse/course/internal/build"
	"github.com/mlcourse/course/internal/diag"
)

// importFixture imports testdata/book into a fresh folder.
func importFixture(t *testing.T, siteURL string) (string, *Report) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "course")
	rep, err := Import(Options{Src: "testdata/book", Dest: dest, SiteURL: siteURL})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return dest, rep
}

// buildCourse builds a course with the real pipeline and fails the test on
// any diagnostic.
func buildCourse(t testing.TB, dir string) *build.Result {
	t.Helper()
	b, err := build.New(build.Options{Source: dir, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	res := b.Build()
	if res.Diags.Len() > 0 {
		t.Fatalf("the imported course does not build cleanly:\n%s", res.Diags.String())
	}
	return res
}

func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func read(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

var tagRe = regexp.MustCompile(`<[^>]+>`)

// codeBlocks returns the text of every <pre> of a page, as a reader sees it.
func codeBlocks(page string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`(?s)<pre[^>]*>(.*?)</pre>`).FindAllStringSubmatch(page, -1) {
		out = append(out, html.UnescapeString(tagRe.ReplaceAllString(m[1], "")))
	}
	return out
}

func TestFixtureBookImportsAndBuildsWithoutProblems(t *testing.T) {
	dest, rep := importFixture(t, "https://example.org/rusty/")
	wantFiles := []string{
		".gitignore",
		"content/01-introduction/01-introduction.md",
		"content/01-introduction/02-preface.md",
		"content/01-introduction/_index.md",
		"content/01-introduction/img/logo.svg",
		"content/02-getting-started/01-getting-started.md",
		"content/02-getting-started/02-install.md",
		"content/02-getting-started/03-a-draft.md",
		"content/02-getting-started/04-deep.md",
		"content/02-getting-started/_index.md",
		"content/02-getting-started/img/diagram.png",
		"content/03-part-two-code/01-figs/plot.svg",
		"content/03-part-two-code/01-includes.md",
		"content/03-part-two-code/02-links.md",
		"content/03-part-two-code/03-not-yet.md",
		"content/03-part-two-code/_index.md",
		"content/03-part-two-code/code/data/table.csv",
		"content/03-part-two-code/img/logo.svg",
		"content/04-appendices/01-appendix.md",
		"content/04-appendices/02-contributors.md",
		"content/04-appendices/_index.md",
		"content/_index.md",
		"course.toml",
	}
	if got := files(t, dest); !slices.Equal(got, wantFiles) {
		t.Errorf("files:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantFiles, "\n"))
	}
	if rep.Modules != 4 || rep.Lessons != 11 || rep.Drafts != 2 || rep.Assets != 5 || rep.Absolute != 2 || len(rep.Links) != 0 {
		t.Errorf("report = %+v", rep)
	}
	if len(rep.Notes) != 1 || !strings.Contains(rep.Notes[0], `"Empty part" has no chapters`) {
		t.Errorf("notes = %q, want one about the empty part", rep.Notes)
	}

	// What the importer writes.
	for _, c := range []struct{ file, want string }{
		{"course.toml", `title = "Rusty Learning"`},
		{"course.toml", `repository = "https://github.com/example/rusty-learning"`},
		{"course.toml", `description = "A small book that uses every mdBook feature the importer knows."`},
		{"course.toml", "[math]\nenabled = false"},
		{"content/03-part-two-code/_index.md", `title: "Part Two: Code"`},
		{"content/01-introduction/01-introduction.md", "[installing](../02-getting-started/02-install.md#on-linux)"},
		{"content/01-introduction/01-introduction.md", "[the links\nchapter](../03-part-two-code/02-links.md)"},
		{"content/01-introduction/01-introduction.md", `It costs \$5 and \$10`},
		{"content/01-introduction/01-introduction.md", "\nPrice: $20, in raw HTML"},
		{"content/01-introduction/02-preface.md", "[introduction](01-introduction.md)"},         // index.html
		{"content/01-introduction/02-preface.md", "Write {{#include file.rs}} to include"},      // escaped
		{"content/02-getting-started/01-getting-started.md", "[deeper](04-deep.md#deep-title)"}, // .html
		{"content/02-getting-started/04-deep.md", `<a id="deep-title"></a>`},                    // the h1's anchor
		{"content/02-getting-started/03-a-draft.md", "draft: true"},
		{"content/03-part-two-code/01-includes.md", "```rust\n    let x = 5;\n```"},                                         // :5
		{"content/03-part-two-code/01-includes.md", "```rust\nfn main() {\n    let x = 5;\n    println!(\"{x}\");\n}\n```"}, // 4:7, rust,ignore
		{"content/03-part-two-code/01-includes.md", "```rust\nuse std::fmt;\nfn helper() {}\n```"},                          // ::1 and 10:
		{"content/03-part-two-code/01-includes.md", "```rust {hide=1,6}\nuse std::fmt;\nfn main() {"},
		{"content/03-part-two-code/01-includes.md", "```rust {hide=1,5-6,8}\nfn main() {\n#[derive(Debug)]\nstruct Point { x: i32 }\n# not hidden\n\n    let p"},
		{"content/03-part-two-code/01-includes.md", "```python {hide=1}\nimport math\n"},
		{"content/03-part-two-code/01-includes.md", "> [!NOTE]\n> This note came from an included markdown file."},
		{"content/03-part-two-code/02-links.md", "[Old heading](../01-introduction/02-preface.md#old-heading)"},
		{"content/03-part-two-code/02-links.md", "[A table](code/data/table.csv)"},
		{"content/03-part-two-code/02-links.md", "[Another book](https://example.org/other/page.html) and [the API](https://example.org/api/index.html)"},
		{"content/03-part-two-code/02-links.md", "[External](https://example.org/x.md)"},
		{"content/03-part-two-code/02-links.md", "[From the site's root](../02-getting-started/02-install.md#on-linux) and [under the site URL](../01-introduction/02-preface.md)"},
		{"content/03-part-two-code/02-links.md", "`[not a link](nowhere.md)`"},
		{"content/03-part-two-code/02-links.md", "[not a link either](nowhere.md)"},
		{"content/03-part-two-code/02-links.md", `<a href="../../getting-started/deep/">`},
		{"content/03-part-two-code/02-links.md", `<img src="../../part-two-code/img/logo.svg"`},
		{"content/03-part-two-code/02-links.md", "[ref]: ../02-getting-started/02-install.md"},
		{"content/03-part-two-code/02-links.md", `<img src="../../part-two-code/figs/plot.svg"`},
	} {
		if got := read(t, filepath.Join(dest, c.file)); !strings.Contains(got, c.want) {
			t.Errorf("%s lacks %q:\n%s", c.file, c.want, got)
		}
	}
	for _, c := range []struct{ file, unwanted string }{
		{"content/03-part-two-code/01-includes.md", "ANCHOR"},
		{"content/03-part-two-code/01-includes.md", "{{#"},
		{"content/03-part-two-code/01-includes.md", "# fn main"},
		{"content/02-getting-started/04-deep.md", "# Deep title"},
		{"content/04-appendices/02-contributors.md", `<a id="contributors">`}, // the h2 has that id
	} {
		if got := read(t, filepath.Join(dest, c.file)); strings.Contains(got, c.unwanted) {
			t.Errorf("%s holds %q:\n%s", c.file, c.unwanted, got)
		}
	}

	// What the build makes of it: no problem at all, and pages as mdBook shows them.
	res := buildCourse(t, dest)
	page := func(p string) string {
		f, ok := res.Site.Files[p]
		if !ok {
			t.Fatalf("no page %s", p)
		}
		return string(f)
	}
	blocks := codeBlocks(page("part-two-code/includes/index.html"))
	wantBlocks := []string{
		"    let x = 5;\n",
		"fn main() {\n    let x = 5;\n    println!(\"{x}\");\n}\n",
		"use std::fmt;\nfn helper() {}\n",
		"fn main() {\n    let x = 5;\n    println!(\"{x}\");\n}\n",
		"fn main() {\n    let x = 5;\n    println!(\"{x}\");\n}\n", // rustdoc_include: the rest hidden
		"#[derive(Debug)]\nstruct Point { x: i32 }\n# not hidden\nprintln!(\"{:?}\", p);\n",
		"print(math.pi)\n",
	}
	if !slices.Equal(blocks, wantBlocks) {
		t.Errorf("code blocks as shown:\n%q\nwant:\n%q", blocks, wantBlocks)
	}
	if p := page("introduction/introduction/index.html"); !strings.Contains(p, "It costs $5 and $10") || !strings.Contains(p, "Price: $20, in raw HTML") {
		t.Errorf("dollar signs were not kept as text")
	}
	if _, ok := res.Site.Files["getting-started/a-draft/index.html"]; ok {
		t.Errorf("a draft chapter was built without --drafts")
	}
	for _, p := range []string{"part-two-code/figs/plot.svg", "getting-started/img/diagram.png", "part-two-code/code/data/table.csv", "introduction/img/logo.svg"} {
		if _, ok := res.Site.Files[p]; !ok {
			t.Errorf("copied file %s is not in the site", p)
		}
	}
}

func TestLinksLeavingTheBookAreListedWithoutSiteURL(t *testing.T) {
	dest, rep := importFixture(t, "")
	var got []string
	for _, d := range rep.Links {
		got = append(got, d.String())
	}
	want := []string{
		`content/03-part-two-code/02-links.md:10:18: warning: link "../../other/page.html" (from src/code/links.md) was not rewritten: it leaves the book; pass --site-url URL (where the book is published) to make it absolute, or edit it`,
		`content/03-part-two-code/02-links.md:10:55: warning: link "/api/index.html" (from src/code/links.md) was not rewritten: it leaves the book; pass --site-url URL (where the book is published) to make it absolute, or edit it`,
		`content/03-part-two-code/02-links.md:14:81: warning: link "/rusty/preface.html" (from src/code/links.md) was not rewritten: it leaves the book; pass --site-url URL (where the book is published) to make it absolute, or edit it`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("listed links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The positions name the link in the written file.
	lines := strings.Split(read(t, filepath.Join(dest, "content/03-part-two-code/02-links.md")), "\n")
	if l := lines[9]; !strings.HasPrefix(l[17:], "../../other/page.html") || !strings.HasPrefix(l[54:], "/api/index.html") {
		t.Errorf("line 10 is %q; the columns do not point at the links", l)
	}
}

// writeBook writes a book from a map of files into a temporary folder.
func writeBook(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if _, ok := files["book.toml"]; !ok {
		files["book.toml"] = "[book]\ntitle = \"B\"\n"
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestBookProblemsAreNamedAndNothingIsWritten(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"text that is no entry", map[string]string{"src/SUMMARY.md": "# Summary\n\n- [A](a.md)\n  just words\n", "src/a.md": "a"},
			[]string{`src/SUMMARY.md:4:3: "just words" is neither a chapter link, a list item nor a part title`}},
		{"no chapter", map[string]string{"src/SUMMARY.md": "# Summary\n\n---\n"},
			[]string{`src/SUMMARY.md:1: SUMMARY.md lists no chapter`}},
		{"list item without a link", map[string]string{"src/SUMMARY.md": "- [A](a.md)\n- A chapter\n", "src/a.md": "a"},
			[]string{`src/SUMMARY.md:2:3: list item "A chapter" is not a link to a chapter`}},
		{"numbered after suffix", map[string]string{"src/SUMMARY.md": "- [A](a.md)\n\n[B](b.md)\n\n- [C](c.md)\n", "src/a.md": "a", "src/b.md": "b", "src/c.md": "c"},
			[]string{`src/SUMMARY.md:5:1: numbered chapter after a suffix chapter`}},
		{"missing chapter file", map[string]string{"src/SUMMARY.md": "# Summary\n- [A](a.md)\n- [Gone](gone.md)\n", "src/a.md": "a"},
			[]string{`src/SUMMARY.md:3:1: chapter file src/gone.md does not exist (create it, fix the path, or write [Gone]() to keep it as a draft)`}},
		{"chapter listed twice", map[string]string{"src/SUMMARY.md": "- [A](a.md)\n- [Again](a.md)\n", "src/a.md": "a"},
			[]string{`src/SUMMARY.md:2:1: a.md is listed twice (also at line 1)`}},
		{"missing included file", map[string]string{"src/SUMMARY.md": "- [A](a.md)\n", "src/a.md": "# A\n\n```rust\n{{#include code/x.rs:2}}\n```\n"},
			[]string{`src/a.md:4:1: {{#include code/x.rs:2}}: cannot read src/code/x.rs`}},
		{"include without a file", map[string]string{"src/SUMMARY.md": "- [A](a.md)\n", "src/a.md": "# A\n\n{{#include   }} {{#rustdoc_include :2}}\n"},
			[]string{`src/a.md:3:1: {{#include}} names no file (write {{#include path/to/file.rs}})`, `src/a.md:3:17: {{#rustdoc_include}} names no file`}},
		{"file including itself", map[string]string{"src/SUMMARY.md": "- [A](a.md)\n", "src/a.md": "x {{#include a.md}}\n"},
			[]string{`src/a.md:1:3: {{#include}} nested more than 10 deep`}},
		{"bad book.toml", map[string]string{"book.toml": "[book]\ntitle = \n", "src/SUMMARY.md": "- [A](a.md)\n", "src/a.md": "a"},
			[]string{`book.toml:2:9: cannot read`}},
		{"other book.toml", map[string]string{"book.toml": "[book]\nsrc = \"text\"\n", "text/SUMMARY.md": "- [A](a.md)\n- [B](b.md)\n", "text/a.md": "a"},
			[]string{`text/SUMMARY.md:2:1: chapter file text/b.md does not exist`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := writeBook(t, tc.files)
			dest := filepath.Join(t.TempDir(), "out")
			_, err := Import(Options{Src: src, Dest: dest})
			var le *diag.ListError
			if !errors.As(err, &le) {
				t.Fatalf("err = %v, want the book's problems", err)
			}
			got := le.List.String()
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("problems:\n%s\nwant a line starting %q", got, w)
				}
			}
			if _, err := os.Stat(dest); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s was written (%v)", dest, err)
			}
			if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".out.import-*")); len(left) > 0 {
				t.Errorf("temporary folders left: %v", left)
			}
		})
	}
}

func TestSummaryBecomesModulesAndLessons(t *testing.T) {
	for _, tc := range []struct {
		name, summary string
		want          []string // module folders and their lesson files
	}{
		{"top-level chapters become modules when there are no parts",
			"# Summary\n\n[Foreword](fw.md)\n\n- [One](one/README.md)\n  - [Sub](one/sub.md)\n    - [Subsub](one/subsub.md)\n- [Two](two.md)\n\n---\n\n[Index](idx.md)\n",
			[]string{"01-foreword: 01-fw.md", "02-one: 01-one.md 02-sub.md 03-subsub.md", "03-two: 01-two.md", "04-index: 01-idx.md"}},
		{"parts become modules; chapters before the first part make one",
			"- [Lead](lead.md)\n- [Lead 2](lead2.md)\n\n# First *part*\n- [A](a.md)\n- [B](b.md)\n\n# Second\n\n- [C](c.md)\n",
			[]string{"01-lead: 01-lead.md 02-lead2.md", "02-first-part: 01-a.md 02-b.md", "03-second: 01-c.md"}},
		{"several prefix and suffix chapters, drafts and tab indentation",
			"[P1](p1.md)\n[P2](p2.md)\n- [A](a.md)\n\t- [Draft]()\n[S1](s1.md)\n[S2](s2.md)\n",
			[]string{"01-introduction: 01-p1.md 02-p2.md", "02-a: 01-a.md 02-draft.md", "03-appendices: 01-s1.md 02-s2.md"}},
		{"same file names in folders get distinct slugs; accents dropped",
			"- [Ch](a/intro.md)\n  - [Ch](b/intro.md)\n  - [Régularisation](c/README.md)\n",
			[]string{"01-ch: 01-intro.md 02-intro-2.md 03-regularisation.md"}},
		{"byte-order mark and CRLF line ends", "\ufeff# Summary\r\n\r\n- [A](a.md)\r\n  - [B](b.md)\r\n",
			[]string{"01-a: 01-a.md 02-b.md"}},
		{"second-level part titles, text after a link, code in titles (as the Rust book's early SUMMARY.md)",
			"# The Book\n\n## Getting started\n\n- [Intro](ch01.md)\n    - [Install](ch01-01.md)\n\n## Later\n\n- [FFI]() (?)\n    - [`static`]()\n    - [A (b)](a(b).md \"title\")\n",
			[]string{"01-getting-started: 01-ch01.md 02-ch01-01.md", "02-later: 01-ffi.md 02-static.md 03-a-b.md"}},
		{"module slugs keep clear of the site's own folders",
			"- [Search](search.md)\n- [Print](p.md)\n- [CSS](c.md)\n- [Search](s2.md)\n",
			[]string{"01-search-2: 01-search.md", "02-print-2: 01-p.md", "03-css-2: 01-c.md", "04-search-3: 01-s2.md"}},
		{"three-digit numbering past 99 lessons", "- [Top](top.md)\n" + strings.Repeat("  - [X]()\n", 99),
			[]string{"01-top: 001-top.md 002-x.md … 100-x-99.md"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dl := &diag.List{}
			sum := parseSummary(tc.summary, "SUMMARY.md", dl)
			if dl.Len() > 0 {
				t.Fatalf("problems: %s", dl.String())
			}
			imp := &importer{byPath: map[string]*lesson{}, assets: map[*module]map[string]bool{}}
			var got []string
			for _, m := range imp.plan(sum, &Report{}) {
				var names []string
				for _, l := range m.lessons {
					names = append(names, l.name)
				}
				if len(names) > 4 {
					names = []string{names[0], names[1], "…", names[len(names)-1]}
				}
				got = append(got, strings.TrimPrefix(m.dir, "content/")+": "+strings.Join(names, " "))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("modules:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestIncludeRangesAndAnchorsAsMdBook(t *testing.T) {
	// The cases of mdBook's own tests (src/utils/string.rs), in its
	// include syntax.
	s := "Lorem\nipsum\ndolor\nsit\namet"
	for _, tc := range []struct{ rng, want string }{
		{"2", "ipsum"},
		{"2:3", "ipsum\ndolor"},
		{"4:", "sit\namet"},
		{":3", "Lorem\nipsum\ndolor"},
		{"", s},
		{":100", s},
		{"5:3", ""},
		{"0", "Lorem"},
	} {
		start, end := parseRange(tc.rng)
		if got := takeLines(s, start, end); got != tc.want {
			t.Errorf("file.rs:%s = %q, want %q", tc.rng, got, tc.want)
		}
	}
	anchored := "Lorem\nANCHOR:    test2\nipsum\nANCHOR: test\ndolor\nsit\namet\nANCHOR_END: test\nlorem\nANCHOR_END:test2\nipsum"
	for _, tc := range []struct {
		anchor, want string
		found        bool
	}{
		{"test2", "ipsum\ndolor\nsit\namet\nlorem", true},
		{"test", "dolor\nsit\namet", true},
		{"something", "", false},
	} {
		if got, found := takeAnchored(anchored, tc.anchor); got != tc.want || found != tc.found {
			t.Errorf("anchor %s = %q, %v; want %q, %v", tc.anchor, got, found, tc.want, tc.found)
		}
	}
	for _, tc := range []struct{ rng, want string }{
		{"2:3", "# Lorem\nipsum\ndolor\n# sit\n# amet"},
		{"4:", "# Lorem\n# ipsum\n# dolor\nsit\namet"},
		{":3", "Lorem\nipsum\ndolor\n# sit\n# amet"},
		{"", s},
	} {
		start, end := parseRange(tc.rng)
		if got := rustdocLines(s, start, end); got != tc.want {
			t.Errorf("rustdoc_include file.rs:%s = %q, want %q", tc.rng, got, tc.want)
		}
	}
	for _, tc := range []struct{ anchor, want string }{
		{"test2", "# Lorem\nipsum\ndolor\nsit\namet\nlorem\n# ipsum"},
		{"test", "# Lorem\n# ipsum\ndolor\nsit\namet\n# lorem\n# ipsum"},
	} {
		if got := rustdocAnchored(anchored, tc.anchor); got != tc.want {
			t.Errorf("rustdoc_include anchor %s = %q, want %q", tc.anchor, got, tc.want)
		}
	}
	for _, tc := range []struct {
		rng    string
		anchor bool
	}{{"body", true}, {"2", false}, {"2:", false}, {":4", false}, {"", false}, {"a-b_c", true}} {
		if _, got := anchorName(tc.rng); got != tc.anchor {
			t.Errorf("anchorName(%q) = %v", tc.rng, got)
		}
	}
}

func TestHiddenLinesFollowMdBook(t *testing.T) {
	hidelines := map[string]string{"python": "~"}
	for _, tc := range []struct {
		lang, line, shown string
		hidden            bool
	}{
		{"rust", "# fn main() {", "fn main() {", true},
		{"rust", "#", "", true},
		{"rust", "    # let x = 1;", "    let x = 1;", true},
		{"rust", "#x", "x", true},
		{"rust", "## not hidden", "# not hidden", false},
		{"rust", "#[derive(Debug)]", "#[derive(Debug)]", false},
		{"rust", "#![allow(unused)]", "#![allow(unused)]", false},
		{"rust", "let x = 1; # not at the start", "let x = 1; # not at the start", false},
		{"python", "# a comment", "# a comment", false},
		{"python", "  ~import math", "  import math", true},
		{"toml", "# a comment", "# a comment", false},
	} {
		shown, hidden := hideLine(tc.line, tc.lang, hidelines)
		if shown != tc.shown || hidden != tc.hidden {
			t.Errorf("%s %q = %q, %v; want %q, %v", tc.lang, tc.line, shown, hidden, tc.shown, tc.hidden)
		}
	}
	text := "- item\n\n   ```rust,ignore\n   # hidden\n   shown\n   ```\n\n> ~~~toml title\n> # kept\n> ~~~\n\n```python hidelines=!!!\n!!!hidden()\n~shown()\n```\n````md\n```rust\n# x\n```\n````\n"
	got, inCode := convertCode(text, hidelines)
	want := "- item\n\n   ```rust {hide=1}\n   hidden\n   shown\n   ```\n\n> ~~~toml\n> # kept\n> ~~~\n\n```python {hide=1}\nhidden()\n~shown()\n```\n````md\n```rust\n# x\n```\n````\n"
	if got != want {
		t.Errorf("convertCode:\n%s\nwant:\n%s", got, want)
	}
	if fmt.Sprint(inCode) != "[false false true true true true false true true true false true true true true true true true true true false]" {
		t.Errorf("inCode = %v", inCode)
	}
}

func TestDestinationIsNeverOverwrittenWithoutForce(t *testing.T) {
	src := writeBook(t, map[string]string{"src/SUMMARY.md": "- [A](a.md)\n", "src/a.md": "# A\n"})
	dir := t.TempDir()
	full := filepath.Join(dir, "full")
	if err := os.MkdirAll(full, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(full, "mine.txt"), []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.MkdirAll(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, dest string
		force      bool
		refused    string
	}{
		{"non-empty folder", full, false, "is not empty; pass --force"},
		{"the book itself", src, true, "a folder holding the book"},
		{"a folder holding the book", filepath.Dir(src), true, "a folder holding the book"},
		{"the root", "/", true, "refusing"},
		{"a file", filepath.Join(full, "mine.txt"), true, "is not a folder"},
		{"an empty folder", empty, false, ""},
		{"a new folder", filepath.Join(dir, "new", "course"), false, ""},
		{"non-empty folder, forced", full, true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Import(Options{Src: src, Dest: tc.dest, Force: tc.force})
			var ue *UsageError
			if tc.refused != "" {
				if !errors.As(err, &ue) || !strings.Contains(err.Error(), tc.refused) {
					t.Fatalf("err = %v, want a refusal saying %q", err, tc.refused)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(tc.dest, "content/01-a/01-a.md")); err != nil {
				t.Errorf("the course was not written: %v", err)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(full, "mine.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("--force kept the old contents beside the course")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
		t.Errorf("temporary folders left: %v", left)
	}
	if got := read(t, filepath.Join(src, "src/a.md")); got != "# A\n" {
		t.Errorf("the book was changed: %q", got)
	}
}

func TestLinksThatCannotBeRewrittenAreListed(t *testing.T) {
	src := writeBook(t, map[string]string{
		"src/SUMMARY.md": "- [A](a.md)\n",
		"src/a.md":       "# A\n\n[gone](gone.md) [extra](extra.html#x) ![lost](img/lost.png)\n<a href=\"nothing.html\">n</a> [ok](a.html) [top](#a)\n",
		"src/extra.md":   "not in SUMMARY.md",
	})
	rep, err := Import(Options{Src: src, Dest: filepath.Join(t.TempDir(), "c"), SiteURL: "https://example.org/b"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range rep.Links {
		got = append(got, d.String())
	}
	want := []string{
		`content/01-a/01-a.md:6:8: warning: link "gone.md" (from src/a.md) was not rewritten: gone.md is not a chapter of SUMMARY.md`,
		`content/01-a/01-a.md:6:25: warning: link "extra.html#x" (from src/a.md) was not rewritten: extra.html is not a chapter of SUMMARY.md`,
		`content/01-a/01-a.md:6:47: warning: link "img/lost.png" (from src/a.md) was not rewritten: img/lost.png does not exist in the book's src/ folder`,
		`content/01-a/01-a.md:7:10: warning: link "nothing.html" (from src/a.md) was not rewritten: nothing.html is not a chapter of SUMMARY.md`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("listed links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// FuzzChapter: no SUMMARY.md or chapter text makes the importer panic.
func FuzzChapter(f *testing.F) {
	for _, name := range []string{"SUMMARY.md", "README.md", "code/includes.md", "code/links.md", "preface.md"} {
		data, err := os.ReadFile(filepath.Join("testdata/book/src", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Add("{{#include   }}\n{{#include :3}}\n{{#rustdoc_include x.rs:a:b:c}}\n```rust,hidelines=\n# a\n```")
	src, _ := filepath.Abs("testdata/book/src")
	f.Fuzz(func(t *testing.T, text string) {
		dl := &diag.List{}
		sum := parseSummary(text, "SUMMARY.md", dl)
		imp := &importer{srcDir: src, srcName: "src", byPath: map[string]*lesson{}, assets: map[*module]map[string]bool{}}
		imp.plan(sum, &Report{})
		var notes []string
		exp := &expander{root: filepath.Dir(src), dl: dl, notes: &notes}
		out := exp.expand(text, filepath.Join(src, "code", "fuzz.md"), 0)
		out, inCode := convertCode(out, map[string]string{"python": "~"})
		out = titleToAnchor(out, inCode)
		les := &lesson{ch: &chapter{Path: "code/fuzz.md"}, mod: &module{slug: "m", dir: "content/01-m"}, slug: "l", name: "01-l.md"}
		imp.assets[les.mod] = map[string]bool{}
		imp.rewriteLinks(out, inCode, les)
	})
}

func TestBookTOMLIsCarriedIntoCourseTOML(t *testing.T) {
	for _, tc := range []struct {
		name, bookTOML    string
		title, repository string
		math              bool
	}{
		{"quotes, backslashes, tabs and accents", "[book]\ntitle = \"A \\\"quoted\\\" \\\\ title\\twith é\"\n[output.html]\ngit-repository-url = \"https://github.com/u/b\"\n", "A \"quoted\" \\ title\twith é", "https://github.com/u/b", false},
		{"no title: the folder's name", "[book]\nauthors = [\"x\"]\n[output.html]\nmathjax-support = true\n", "mybook", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := filepath.Join(t.TempDir(), "mybook")
			for name, text := range map[string]string{"book.toml": tc.bookTOML, "src/SUMMARY.md": "- [A](a.md)\n", "src/a.md": "\ufeff# A\r\n\r\nSee \\\\(x^2\\\\).\r\n"} {
				p := filepath.Join(src, filepath.FromSlash(name))
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			dest := filepath.Join(t.TempDir(), "c")
			if _, err := Import(Options{Src: src, Dest: dest}); err != nil {
				t.Fatal(err)
			}
			if got := read(t, filepath.Join(dest, "content/01-a/01-a.md")); strings.Contains(got, "# A") || strings.Contains(got, "\r") {
				t.Errorf("the chapter's byte-order mark or CRLF line ends kept its title heading or CRs:\n%q", got)
			}
			res := buildCourse(t, dest)
			if res.Config.Title != tc.title || res.Config.Repository != tc.repository || res.Config.MathEnabled() != tc.math {
				t.Errorf("course.toml gives title %q, repository %q, math %v; want %q, %q, %v",
					res.Config.Title, res.Config.Repository, res.Config.MathEnabled(), tc.title, tc.repository, tc.math)
			}
			if tc.math && !strings.Contains(string(res.Site.Files["a/a/index.html"]), "katex") {
				t.Errorf("the book's MathJax formula \\\\(x^2\\\\) is not rendered:\n%s", res.Site.Files["a/a/index.html"])
			}
		})
	}
}

// TestImportedPagesAreValidHTML runs html-validate, with the site gate's
// configuration, over every page built from the fixture book: imports
// make modules whose first lesson has the module's title, and modules with
// an empty page.
func TestImportedPagesAreValidHTML(t *testing.T) {
	root, _ := filepath.Abs("../../..")
	cli := filepath.Join(root, "node_modules", "html-validate", "bin", "html-validate.mjs")
	node, err := exec.LookPath("node")
	if _, statErr := os.Stat(cli); err != nil || statErr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("node or html-validate missing (%v, %v): run npm ci", err, statErr)
		}
		t.Skipf("SKIPPED: node or html-validate missing (%v, %v); npm ci (or link node_modules) to run it", err, statErr)
	}
	dest, _ := importFixture(t, "https://example.org/rusty/")
	b, err := build.New(build.Options{Source: dest, NoCache: true, Generator: "course test"})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	out := filepath.Join(t.TempDir(), "public")
	if res, err := b.Write(out); err != nil || !res.OK() {
		t.Fatalf("build: %v", err)
	}
	cmd := exec.Command(node, cli, "--config", filepath.Join(root, ".htmlvalidate.json"), "--ext", "html", out)
	if report, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("html-validate: %v\n%s", err, report)
	}
}
