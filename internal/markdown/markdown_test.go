package markdown

import (
	"flag"
	"fmt"
	"html"
	"os"
	"strings"
	"testing"
)

var (
	caseFlag   = flag.String("case", "", "run only the spec case with this name")
	updateFlag = flag.Bool("update", false, "rewrite testdata/spec.txt with the current output (review the diff!)")
)

// specCase is one case of testdata/*.txt:
//
//	%%% case name
//	markdown
//	%%% html
//	expected HTML
//	%%% problems        (optional; one "line:col: message" a line)
//	%%% end
type specCase struct {
	name, input, html, problems string
	hasProblems                 bool
	line                        int
}

func readCases(t *testing.T, file string) []specCase {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var cases []specCase
	var cur *specCase
	var section *strings.Builder
	var b [3]strings.Builder
	for i, line := range strings.SplitAfter(string(data), "\n") {
		trimmed := strings.TrimRight(line, "\n")
		switch {
		case strings.HasPrefix(trimmed, "%%% case "):
			cur = &specCase{name: strings.TrimPrefix(trimmed, "%%% case "), line: i + 1}
			for j := range b {
				b[j].Reset()
			}
			section = &b[0]
		case trimmed == "%%% html":
			section = &b[1]
		case trimmed == "%%% problems":
			section = &b[2]
			cur.hasProblems = true
		case trimmed == "%%% end":
			cur.input, cur.html, cur.problems = b[0].String(), b[1].String(), b[2].String()
			cases = append(cases, *cur)
			cur, section = nil, nil
		case section != nil:
			section.WriteString(line)
		}
	}
	if cur != nil {
		t.Fatalf("%s: case %q has no %%%%%% end", file, cur.name)
	}
	return cases
}

// fakeHighlight shows what the converter passed to the highlighter.
func fakeHighlight(code, lang string, linenos bool, hl [][2]int, start int) string {
	return fmt.Sprintf(`<pre data-lang=%q data-linenos="%v" data-hl="%v" data-start="%d"><code>%s</code></pre>`,
		lang, linenos, hl, start, html.EscapeString(code))
}

// fakeMath wraps the formula; a formula containing \bad fails there.
func fakeMath(src string, display bool) (string, int, error) {
	if i := strings.Index(src, `\bad`); i >= 0 {
		return "", i, fmt.Errorf("Undefined control sequence: \\bad")
	}
	return fmt.Sprintf("<m display=%v>%s</m>", display, html.EscapeString(src)), -1, nil
}

// fakeResolve maps x.md to /x/ and known.png to /img/known.png.
func fakeResolve(dest string, image bool) (string, string, string) {
	target, frag, _ := strings.Cut(dest, "#")
	if frag != "" {
		frag = "#" + frag
	}
	switch {
	case strings.HasSuffix(target, ".md") && target != "missing.md":
		return "/" + strings.TrimSuffix(target, ".md") + "/" + frag, "", ""
	case target == "known.png":
		return "/img/known.png", "", ""
	}
	return "", "link target " + target + " does not exist", "check the path"
}

// specFigures are the figure components the spec cases know.
var specFigures = []string{"loss-curves", "split-grid"}

func TestSpec(t *testing.T) {
	conv := New(Options{Highlight: fakeHighlight, Math: fakeMath, Figures: specFigures, FigureDir: "themes/default/static/js/figures"})
	cases := readCases(t, "testdata/spec.txt")
	if *updateFlag {
		var out strings.Builder
		for _, c := range cases {
			src := []byte(c.input)
			res := conv.Convert(src, fakeResolve)
			fmt.Fprintf(&out, "%%%%%% case %s\n%s%%%%%% html\n%s", c.name, c.input, res.HTML)
			if len(res.Problems) > 0 {
				out.WriteString("%%% problems\n")
				for _, p := range res.Problems {
					line, col := lineCol(src, p.Offset)
					fmt.Fprintf(&out, "%d:%d: %s\n", line, col, p.Msg)
				}
			}
			out.WriteString("%%% end\n\n")
		}
		if err := os.WriteFile("testdata/spec.txt", []byte(strings.TrimSuffix(out.String(), "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Log("rewrote testdata/spec.txt")
		return
	}
	for _, c := range cases {
		if *caseFlag != "" && c.name != *caseFlag {
			continue
		}
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			src := []byte(c.input)
			res := conv.Convert(src, fakeResolve)
			if got := string(res.HTML); got != c.html {
				t.Errorf("testdata/spec.txt:%d: HTML differs\n--- got\n%s--- want\n%s", c.line, got, c.html)
			}
			var probs strings.Builder
			for _, p := range res.Problems {
				line, col := lineCol(src, p.Offset)
				fmt.Fprintf(&probs, "%d:%d: %s\n", line, col, p.Msg)
			}
			if !c.hasProblems && probs.Len() > 0 {
				t.Errorf("testdata/spec.txt:%d: unexpected problems:\n%s", c.line, probs.String())
			}
			if c.hasProblems && probs.String() != c.problems {
				t.Errorf("testdata/spec.txt:%d: problems differ\n--- got\n%s--- want\n%s", c.line, probs.String(), c.problems)
			}
		})
	}
}

func lineCol(src []byte, off int) (int, int) {
	line, col := 1, 1
	for i := 0; i < off && i < len(src); i++ {
		if src[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

func TestResultCollectsHeadingsCodeAndLinks(t *testing.T) {
	src := []byte("# Top\n\nIntro words here.\n\n## Second part\n\nMore [x](a.md#h) text.\n\n```python {run requires=numpy timeout=5}\nprint(1)\n```\n\n```output\n1\n```\n\n### Deep\n\nfinal\n")
	res := New(Options{}).Convert(src, fakeResolve)
	if len(res.Problems) > 0 {
		t.Fatalf("problems: %+v", res.Problems)
	}
	wantHeadings := []Heading{{1, "top", "Top", 2}, {2, "second-part", "Second part", 29}, {3, "deep", "Deep", 142}}
	if fmt.Sprint(res.Headings) != fmt.Sprint(wantHeadings) {
		t.Errorf("headings = %+v, want %+v", res.Headings, wantHeadings)
	}
	if len(res.Code) != 1 || !res.Code[0].Run || res.Code[0].Output == nil || *res.Code[0].Output != "1\n" ||
		fmt.Sprint(res.Code[0].Requires) != "[numpy]" || res.Code[0].Timeout != 5 {
		t.Errorf("code = %+v", res.Code)
	}
	if len(res.Links) != 1 || res.Links[0].Dest != "/a/#h" {
		t.Errorf("links = %+v", res.Links)
	}
	if len(res.Sections) != 3 || res.Sections[1].Heading != "Second part" || res.Sections[1].Text != "More x text." {
		t.Errorf("sections = %+v", res.Sections)
	}
	if res.Words != 7 {
		t.Errorf("words = %d, want 7", res.Words)
	}
	for _, id := range []string{"top", "second-part", "deep"} {
		if !res.IDs[id] {
			t.Errorf("IDs lacks %q: %v", id, res.IDs)
		}
	}
}

func TestParseInfo(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{`python`, `[python] []`, ""},
		{`python {title="loss.py" hl=2-3 linenos run requires=numpy}`, `[python] [title=loss.py hl=2-3 linenos run requires=numpy]`, ""},
		{`tab NumPy and more`, `[tab NumPy and more] []`, ""},
		{`x {title="a \"q\" b"}`, `[x] [title=a "q" b]`, ""},
		{`{run}`, `[] [run]`, ""},
		{`python {title="open`, "", "quoted value is not closed with \""},
		{`python {run`, "", "attribute list is not closed with }"},
		{`python {run} extra`, "", `unexpected text "extra" after }`},
		{`python {=x}`, "", `expected an attribute name, found '='`},
		{`python {hl=}`, "", "attribute hl= has no value"},
		{`py"thon`, "", `unexpected '"' in "py\""`},
	}
	for _, tt := range tests {
		info, err := ParseInfo(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseInfo(%q) error = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseInfo(%q): %v", tt.in, err)
			continue
		}
		var words, attrs []string
		for _, w := range info.Words {
			words = append(words, w.Text)
		}
		for _, a := range info.Attrs {
			if a.HasValue {
				attrs = append(attrs, a.Key+"="+a.Value)
			} else {
				attrs = append(attrs, a.Key)
			}
		}
		if got := fmt.Sprintf("[%s] [%s]", strings.Join(words, " "), strings.Join(attrs, " ")); got != tt.want {
			t.Errorf("ParseInfo(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestParseRanges(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"2", "[[2 2]]", true}, {"2-3,5", "[[2 3] [5 5]]", true},
		{"0", "", false}, {"3-2", "", false}, {"a", "", false}, {"1,,2", "", false},
	}
	for _, tt := range tests {
		r, err := ParseRanges(tt.in)
		if (err == nil) != tt.ok || tt.ok && fmt.Sprint(r) != tt.want {
			t.Errorf("ParseRanges(%q) = %v, %v; want %s ok=%v", tt.in, r, err, tt.want, tt.ok)
		}
	}
}

func FuzzConvert(f *testing.F) {
	for _, s := range []string{"# a\n\n$x$ and $$y$$", ":::: tabs\n::: tab A\nx\n:::\n::::\n", "```python {hl=1}\nx\n```\n", "> [!NOTE]\n> hi", "::: quiz\nQ?\n\n- [x] a\n  > A.\n- [ ] b\n  > B.\n:::\n", "::: figure loss-curves {delta=1}\nD.\n\n![f](known.png)\n:::\n", "::: quiz\n- b\n:::\n", "[a](b.md#c) ![i](known.png \"t\")", "::: tab\n", "```{\n"} {
		f.Add(s)
	}
	conv := New(Options{Highlight: fakeHighlight, Math: fakeMath, Figures: specFigures})
	f.Fuzz(func(t *testing.T, s string) {
		src := []byte(s)
		res := conv.Convert(src, fakeResolve)
		for _, p := range res.Problems {
			if p.Offset < 0 || p.Offset > len(src) {
				t.Fatalf("problem offset %d outside the source (%d bytes): %s", p.Offset, len(src), p.Msg)
			}
		}
	})
}

// TestRawHTMLDefinesAnchors: ids in a page's raw HTML, block or inline, and
// the names of <a> elements, are anchors that links may point at.
func TestRawHTMLDefinesAnchors(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      []string
		not       []string
	}{
		{"block anchor before a heading", "<a id=\"old-heading\"></a>\n\n## New heading\n", []string{"old-heading", "new-heading"}, nil},
		{"inline anchor", "Text <span id='here'>x</span> more.\n", []string{"here"}, nil},
		{"unquoted and name on a", "<a name=legacy></a>\n", []string{"legacy"}, nil},
		{"name elsewhere is not an anchor", "<div>\n<input name=\"q\" id=\"box\">\n</div>\n", []string{"box"}, []string{"q"}},
		{"several on one line", "<p id=\"a\">x</p><p data-x=\"1\" id=\"b\">y</p>\n", []string{"a", "b"}, []string{"1"}},
		{"data-id is not id", "<div data-id=\"nope\"></div>\n", nil, []string{"nope"}},
		{"code is not html", "`<a id=\"code\"></a>`\n\n```html\n<a id=\"fenced\"></a>\n```\n", nil, []string{"code", "fenced"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := New(Options{}).Convert([]byte(c.src), nil)
			for _, id := range c.want {
				if !res.IDs[id] {
					t.Errorf("IDs lacks %q: %v", id, res.IDs)
				}
			}
			for _, id := range c.not {
				if res.IDs[id] {
					t.Errorf("IDs has %q, which the page does not define: %v", id, res.IDs)
				}
			}
		})
	}
}

// TestHiddenLinesStillRun: a block's hidden lines are not shown but are in
// the code a run executes.
func TestHiddenLinesStillRun(t *testing.T) {
	src := []byte("```python {run hide=1}\nimport math\nprint(math.pi)\n```\n")
	res := New(Options{}).Convert(src, fakeResolve)
	if len(res.Problems) > 0 {
		t.Fatalf("problems: %+v", res.Problems)
	}
	if len(res.Code) != 1 || res.Code[0].Code != "import math\nprint(math.pi)\n" {
		t.Errorf("code = %+v, want both lines", res.Code)
	}
	if h := string(res.HTML); strings.Contains(h, "import") || !strings.Contains(h, "print(math.pi)") {
		t.Errorf("HTML shows the hidden line or lacks the shown one:\n%s", res.HTML)
	}
}
