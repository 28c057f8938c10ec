package notebook

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/mlcourse/course/internal/diag"
	"github.com/mlcourse/course/internal/markdown"
)

// fakeHooks render code and math recognisably and record published files.
func fakeHooks(files map[string][]byte) Hooks {
	return Hooks{
		Highlight: func(code, lang string) string {
			return `<pre class="hl" data-lang="` + lang + `"><code>` + html.EscapeString(code) + `</code></pre>`
		},
		Math: func(tex string, display bool) (string, int, error) {
			if strings.Contains(tex, `\bad`) {
				return "", 0, fmt.Errorf(`undefined control sequence \bad`)
			}
			return fmt.Sprintf(`<span class="katex" data-display="%v">%s</span>`, display, html.EscapeString(tex)), -1, nil
		},
		File: func(name string, data []byte) string {
			files[name] = data
			return "/m/l/" + name
		},
	}
}

// renderFile parses and renders a fixture through the markdown converter,
// as the site does.
func renderFile(t *testing.T, file string) (*Notebook, string, map[string][]byte) {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	nb, probs := Parse(file, src)
	if nb == nil || len(probs) > 0 {
		t.Fatalf("Parse(%s): %v", file, probs)
	}
	files := map[string][]byte{}
	embeds, probs := nb.Render(fakeHooks(files))
	if len(probs) > 0 {
		t.Fatalf("Render: %v", probs)
	}
	conv := markdown.New(markdown.Options{Math: fakeHooks(nil).Math})
	res := conv.ConvertEmbeds(nb.Body, nil, embeds)
	if len(res.Problems) > 0 {
		t.Fatalf("markdown problems: %+v", res.Problems)
	}
	return nb, string(res.HTML), files
}

func TestNotebookRendersAsJupyterShowsIt(t *testing.T) {
	nb, out, files := renderFile(t, "testdata/outputs.ipynb")
	if nb.Title != "Plots, tables and errors" {
		t.Errorf("title = %q", nb.Title)
	}
	if nb.Lang != "python" {
		t.Errorf("language = %q", nb.Lang)
	}
	cases := []struct {
		name     string
		want     []string // in this order
		notWant  []string
		wantRe   string
		notInAll bool
	}{
		{name: "the title heading is left out of the body", notWant: []string{"<h1", "Plots, tables and errors"}},
		{name: "markdown cells go through the markdown pipeline", want: []string{`<span class="katex" data-display="false">L = x^2</span>`, `<a href="#setup">link to setup</a>`, `<div class="alert alert-note"`, `<h2 id="setup"`}},
		{name: "an attachment is extracted to a content-hashed file", wantRe: `<img src="nb-[0-9a-f]{16}\.png" alt="a diagram">`},
		{name: "code is highlighted in the notebook's language, with its prompt", want: []string{`<figure class="code nb-input" data-lang="python"><figcaption class="code-title nb-prompt">In [1]:</figcaption><pre class="hl" data-lang="python"><code>import sys`}},
		{name: "runs of one stream merge and carriage returns overwrite", want: []string{"<pre tabindex=\"0\">0\n1\n2\nprogress 100%\n</pre>"}, notWant: []string{"progress 10%"}},
		{name: "stderr is marked", want: []string{`<div class="nb-output nb-stream nb-stderr"><span class="nb-stream-name">stderr</span><pre tabindex="0">careful`}},
		{name: "an execute_result is text/plain when that is all it has", want: []string{`<div class="nb-output nb-result nb-text"><pre tabindex="0">2</pre>`}},
		{name: "PNG written as a file with the metadata's size", wantRe: `<img src="/m/l/nb-[0-9a-f]{16}\.png" alt="output image" width="20" height="15" loading="lazy">`},
		{name: "JPEG with its own size and text/plain as alt", wantRe: `<img src="/m/l/nb-[0-9a-f]{16}\.jpg" alt="A dark photo" width="16" height="8"`},
		{name: "GIF with its own size", wantRe: `<img src="/m/l/nb-[0-9a-f]{16}\.gif" alt="output image" width="2" height="3"`},
		{name: "SVG first, sized from points", wantRe: `<img src="/m/l/nb-[0-9a-f]{16}\.svg" alt="output image" width="614" height="461"`},
		{name: "images are never inlined", notWant: []string{"base64", "data:image", "iVBOR"}},
		{name: "pandas tables are kept", want: []string{`<table class="dataframe">`, `<th scope="col">loss</th>`, `<th scope="row">0</th>`, "<td>0.25 &amp; falling</td>", `<a href="https://pandas.pydata.org">pandas</a>`}},
		{name: "scripts, styles, handlers and script URLs are dropped", notWant: []string{"<script", "alert(", "<style", "vertical-align", "onclick", "javascript:", `border="1"`}},
		{name: "an image inlined in HTML output becomes a file", wantRe: `<img src="/m/l/nb-[0-9a-f]{16}\.png" alt="inline" width="3" height="2">`},
		{name: "text/latex goes through KaTeX", want: []string{`<div class="nb-output nb-latex"><span class="katex" data-display="true">\frac{1}{2}</span></div>`}},
		{name: "text/markdown output goes through markdown", want: []string{`<div class="nb-output nb-markdown">`, "<strong>Bold</strong> output, see <a href=\"#setup\">setup</a>."}},
		{name: "remove-cell removes input and output", notWant: []string{"secret", "removed cell output"}},
		{name: "remove-input keeps the output", want: []string{"input removed"}, notWant: []string{"hidden_input"}},
		{name: "errors show their traceback with ANSI colours as classes", want: []string{`<div class="nb-output nb-error" role="note" aria-label="Error"><pre tabindex="0"><span class="ansi-red-fg">`, `<span class="ansi-green-fg">----&gt; 1</span>`, `<span style="color:rgb(98,98,98)">1</span>`, "division by zero"}, notWant: []string{"\x1b", "[0;31m"}},
		{name: "remove-output keeps the input", want: []string{"quiet = 3"}, notWant: []string{"output removed"}},
		{name: "hide-input folds the input", want: []string{`<details class="nb-toggle"><summary>Show code</summary><figure class="code nb-input"`, "folded_input", "</details>", "input folded"}},
		{name: "hide-output folds the outputs", want: []string{"folded_output", `<details class="nb-outputs nb-toggle"><summary>Show output</summary>`, "output folded", "</details>"}},
		{name: "raw cells are left out", notWant: []string{"raw text never shown"}},
		{name: "hide-cell folds input and output together", want: []string{`<div class="nb-cell"><details class="nb-toggle"><summary>Show code cell</summary><figure`, "whole_cell_hidden", "cell folded", "</details></div>"}},
		{name: "tags may be written with underscores", want: []string{"underscored = 7"}, notWant: []string{"underscore removed"}},
		{name: "a code fence left open ends with its cell", want: []string{"an_unclosed_fence = True", `<h2 id="after-the-fence"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rest := out
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("HTML lacks (in order) %q\n%s", w, out)
				}
				rest = rest[i+len(w):]
			}
			for _, w := range tc.notWant {
				if strings.Contains(out, w) {
					t.Errorf("HTML has %q", w)
				}
			}
			if tc.wantRe != "" && !regexp.MustCompile(tc.wantRe).MatchString(out) {
				t.Errorf("HTML does not match %s\n%s", tc.wantRe, out)
			}
		})
	}
	if o, c := strings.Count(out, "<div"), strings.Count(out, "</div>"); o != c {
		t.Errorf("%d <div> and %d </div>: the page would be unbalanced", o, c)
	}
	if o, c := strings.Count(out, "<figure"), strings.Count(out, "</figure>"); o != c {
		t.Errorf("%d <figure> and %d </figure>", o, c)
	}
	if o, c := strings.Count(out, "<details"), strings.Count(out, "</details>"); o != c {
		t.Errorf("%d <details> and %d </details>", o, c)
	}
	if len(files) != 5 {
		t.Errorf("published %d files, want 5 (png, jpeg, gif, svg, the HTML's png; not the PNG beside the SVG)", len(files))
	}
	if len(nb.Files) != 1 {
		t.Errorf("attachments = %d files, want 1", len(nb.Files))
	}
	if !strings.Contains(nb.Course, `"minutes": 15`) || nb.CourseLine == 0 {
		t.Errorf("course metadata = %q at line %d", nb.Course, nb.CourseLine)
	}
}

// TestPosMapsBodyOffsetsToTheFile checks that a place in the body is named
// by its line and column in the .ipynb.
func TestPosMapsBodyOffsetsToTheFile(t *testing.T) {
	src := []byte("{\n \"cells\": [\n  {\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": [\"# T\\n\", \"\\n\", \"\\\"q\\\" [a](b.md)\\n\"]},\n" +
		"  {\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": \"one\\ntwo [c](d.md)\\n\"}\n ],\n \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5\n}\n")
	nb, probs := Parse("x.ipynb", src)
	if nb == nil {
		t.Fatal(probs)
	}
	for _, tc := range []struct {
		find      string
		line, col int
	}{
		{"[a](b.md)", 3, 78}, // after two escaped quotes: the file's column
		{"[c](d.md)", 4, 65}, // second line of a single-string source
	} {
		off := strings.Index(string(nb.Body), tc.find)
		if off < 0 {
			t.Fatalf("body lacks %q: %q", tc.find, nb.Body)
		}
		line, col := nb.Pos(off)
		if line != tc.line || col != tc.col {
			t.Errorf("Pos(%q) = %d:%d, want %d:%d (%q)", tc.find, line, col, tc.line, tc.col, diag.SourceLine(src, tc.line))
		}
	}
}

func TestBadNotebooksAreClearErrors(t *testing.T) {
	cases := []struct{ file, want string }{
		{"trailing-comma.ipynb", "4:2: invalid JSON: a comma before ] (JSON allows no trailing comma)"},
		{"cut-short.ipynb", "8:1: invalid JSON: unexpected end of file where , or } should be"},
		{"not-an-object.ipynb", "1:1: the notebook is a list, not an object"},
		{"nbformat3.ipynb", "3:14: nbformat 3 is not supported: only nbformat 4 notebooks are lessons (convert it with: jupyter nbconvert --to notebook --nbformat 4 --inplace "},
		{"unknown-cell.ipynb", `4:17: cell 2 has an unknown cell type "heading" (a cell_type is "markdown", "code" or "raw")`},
		{"unknown-output.ipynb", `5:32: output 1 of cell 2 has an unknown output type "pyout"`},
		{"missing-attachment.ipynb", `3:84: cell 1 has no attachment "plot.png" (the cell's attachments: image.png)`},
		{"no-title.ipynb", "1:1: the notebook has no title"},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			file := "testdata/invalid/" + tc.file
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			nb, probs := Parse(file, src)
			if nb != nil {
				t.Errorf("Parse returned a notebook for a bad file")
			}
			var got []string
			for _, p := range probs {
				got = append(got, p.String())
			}
			if len(got) != 1 || !strings.HasPrefix(got[0], file+":"+tc.want) {
				t.Errorf("diagnostics = %q\nwant one starting %q", got, file+":"+tc.want)
			}
		})
	}
}

func TestRenderReportsBadLatexAndImagesAtTheirPlace(t *testing.T) {
	src := []byte(`{"cells": [{"cell_type": "markdown", "metadata": {}, "source": "# T"},
{"cell_type": "code", "execution_count": 1, "metadata": {}, "source": "x", "outputs": [
 {"output_type": "display_data", "metadata": {}, "data": {"text/latex": "$\\bad$"}},
 {"output_type": "display_data", "metadata": {}, "data": {"image/png": "not base64!"}}]}],
"metadata": {}, "nbformat": 4, "nbformat_minor": 5}`)
	nb, probs := Parse("x.ipynb", src)
	if nb == nil {
		t.Fatal(probs)
	}
	embeds, probs := nb.Render(fakeHooks(map[string][]byte{}))
	if !strings.Contains(embeds["nb1-0"], `<pre>$\bad$</pre>`) {
		t.Errorf("a formula KaTeX cannot render is not shown as its source: %q", embeds["nb1-0"])
	}
	var got []string
	for _, p := range probs {
		got = append(got, p.String())
	}
	want := []string{
		`x.ipynb:3:73: warning: cell 2: text/latex output: undefined control sequence \bad (the output shows as LaTeX source; change what the cell prints, or clear that output)`,
		`x.ipynb:4:72: cell 2: image/png data is not valid base64 (run the cell again and save the notebook)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestANSI(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain <b>", "plain &lt;b&gt;"},
		{"\x1b[31mred\x1b[0m ok", `<span class="ansi-red-fg">red</span> ok`},
		{"\x1b[1;92mbold\x1b[22m still green\x1b[39m", `<span class="ansi-green-intense-fg ansi-bold">bold</span><span class="ansi-green-intense-fg"> still green</span>`},
		{"\x1b[38;2;255;0;10mrgb\x1b[m", `<span style="color:rgb(255,0,10)">rgb</span>`},
		{"\x1b[48;5;1mbg\x1b[0m", `<span class="ansi-red-bg">bg</span>`},
		{"erase\x1b[K line\x1b", "erase line"},
		{"\x1b[4munclosed", `<span class="ansi-underline">unclosed</span>`},
	} {
		if got := ansiHTML(tc.in); got != tc.want {
			t.Errorf("ansiHTML(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseNeverPanics(t *testing.T) {
	src, err := os.ReadFile("testdata/outputs.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	// Every prefix of a valid notebook is a clean error (or, for the
	// whole file, a notebook).
	for n := 0; n <= bytes.LastIndexByte(src, '}'); n += 7 { // a prefix without the closing }
		nb, probs := Parse("x.ipynb", src[:n])
		if nb != nil || len(probs) == 0 {
			t.Fatalf("prefix of %d bytes: notebook %v, %d problems", n, nb != nil, len(probs))
		}
	}
	deep := strings.Repeat("[", 100000)
	if _, probs := Parse("x.ipynb", []byte(deep)); len(probs) != 1 || !strings.Contains(probs[0].Msg, "nested") {
		t.Errorf("deep nesting: %v", probs)
	}
}

func TestSanitize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`<table id="T_1" style="color:red"><tr><th>a</th></tr></table>`, `<table><tbody><tr><th scope="row">a</th></tr></tbody></table>`},
		{`<div><b>unclosed`, `<div><b>unclosed</b></div>`},
		{`</div>stray`, `stray`},
		{`<a href="javascript:x()" onclick="y()">a</a><a href="#top">b</a>`, `a<a href="#top">b</a>`},
		{`<my-widget>hidden</my-widget><iframe src="x"></iframe><span>kept</span>`, `<span>kept</span>`},
		{`<img src="data:image/svg+xml,%3Csvg%20width%3D%222%22%20height%3D%223%22%2F%3E">`, `<img src="nb-`},
		{`<img src="file:///etc/passwd">`, `<img>`},
		{`<p>1 &lt; 2 &amp; <!-- c --> 3</p>`, `<p>1 &lt; 2 &amp;  3</p>`},
	} {
		got := sanitize(tc.in, nil)
		if !strings.HasPrefix(got, tc.want) {
			t.Errorf("sanitize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := sanitize(`<img src="data:image/svg+xml,%3Csvg%20width%3D%222%22%20height%3D%223%22%2F%3E">`, nil); !strings.HasSuffix(got, `.svg" width="2" height="3">`) {
		t.Errorf("an inline SVG is not written with its size: %q", got)
	}
}
