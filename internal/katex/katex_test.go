package katex

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// goldenCase is one formula from testdata/golden.json, rendered by node.
type goldenCase struct {
	Src     string `json:"src"`
	Display bool   `json:"display"`
	HTML    string `json:"html"`
	Error   *struct {
		Msg    string `json:"msg"`
		Offset int    `json:"offset"`
	} `json:"error"`
}

var golden = sync.OnceValues(func() ([]goldenCase, error) {
	data, err := os.ReadFile("testdata/golden.json")
	if err != nil {
		return nil, err
	}
	var g struct {
		KaTeX string       `json:"katex"`
		Cases []goldenCase `json:"cases"`
	}
	if err := json.Unmarshal(data, &g); err != nil {
		return nil, err
	}
	if g.KaTeX != Version {
		return nil, fmt.Errorf("testdata/golden.json was made with KaTeX %s, want %s: rerun node testdata/golden.js", g.KaTeX, Version)
	}
	return g.Cases, nil
})

func loadGolden(t testing.TB) []goldenCase {
	t.Helper()
	cases, err := golden()
	if err != nil {
		t.Fatal(err)
	}
	return cases
}

// goldenOK returns the golden cases that KaTeX renders without error.
func goldenOK(t testing.TB) []goldenCase {
	var ok []goldenCase
	for _, c := range loadGolden(t) {
		if c.Error == nil {
			ok = append(ok, c)
		}
	}
	return ok
}

// fewFormulas returns a dozen golden cases, for tests that need some
// formulas but not all (each render costs ~100 ms under -race).
func fewFormulas(t testing.TB) []goldenCase {
	cases := goldenOK(t)
	return cases[:min(12, len(cases))]
}

// shared is the one Renderer that tests use unless they need their own, so
// that the suite starts few VMs.
var shared = sync.OnceValues(func() (*Renderer, error) { return New(Options{Workers: 2}) })

func sharedRenderer(t testing.TB) *Renderer {
	t.Helper()
	r, err := shared()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func caseName(i int, src string) string {
	if len(src) > 30 {
		src = src[:30]
	}
	return fmt.Sprintf("%02d_%s", i, src)
}

func TestRender_matches_node_byte_for_byte(t *testing.T) {
	r := sharedRenderer(t)
	for i, c := range loadGolden(t) {
		t.Run(caseName(i, c.Src), func(t *testing.T) {
			t.Parallel()
			html, err := r.Render(c.Src, c.Display)
			if c.Error != nil {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("Render(%q) = %v, want *Error %q", c.Src, err, c.Error.Msg)
				}
				if e.Msg != c.Error.Msg || e.Offset != c.Error.Offset {
					t.Fatalf("Render(%q) error = {%q, %d}, node says {%q, %d}", c.Src, e.Msg, e.Offset, c.Error.Msg, c.Error.Offset)
				}
				return
			}
			if err != nil {
				t.Fatalf("Render(%q): %v", c.Src, err)
			}
			if html != c.HTML {
				t.Errorf("Render(%q, %v) differs from node:\n goja: %s\n node: %s", c.Src, c.Display, html, c.HTML)
			}
		})
	}
}

func TestRender_reports_rejected_formulas_with_byte_offsets(t *testing.T) {
	r := sharedRenderer(t)
	tests := []struct {
		src     string
		msg     string // substring of Msg
		offset  int
		wantErr string // substring of Error()
	}{
		{`\frac{1}{`, "expected '}'", len(`\frac{1}{`), "at byte 9"},
		{`\undefinedmacro`, `Undefined control sequence: \undefinedmacro`, 0, `KaTeX: Undefined control sequence`},
		{`x + \undefinedmacro`, `Undefined control sequence`, 4, "at byte 4"},
		{`é + \undefinedmacro`, `Undefined control sequence`, len(`é + `), "at byte 5"},
		{`\text{😀} \undefinedmacro`, `Undefined control sequence`, len(`\text{😀} `), "at byte 12"},
		{"\xff\xfe + \\undefinedmacro", `Undefined control sequence`, 5, "at byte 5"},
		{`x^`, `Expected group after '^'`, 1, ""},
		{`\abs{\right}`, `Expected group as argument to '\right'`, -1, ""}, // in \abs's body
		{strings.Repeat("{", 1500) + "x" + strings.Repeat("}", 1500), "nested too deeply", -1, ""},
	}
	for _, tt := range tests {
		t.Run(caseName(0, tt.src), func(t *testing.T) {
			t.Parallel()
			_, err := r.Render(tt.src, false)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Render(%q) error = %v, want *Error", tt.src, err)
			}
			if !strings.Contains(e.Msg, tt.msg) || e.Offset != tt.offset {
				t.Errorf("Render(%q) = &Error{%q, %d}, want Msg containing %q, Offset %d", tt.src, e.Msg, e.Offset, tt.msg, tt.offset)
			}
			if tt.offset < 0 && strings.Contains(e.Error(), "at byte") {
				t.Errorf("Error() = %q names a byte for an unknown offset", e.Error())
			}
			if !strings.Contains(e.Error(), tt.wantErr) {
				t.Errorf("Error() = %q, want it to contain %q", e.Error(), tt.wantErr)
			}
		})
	}
}

func TestRender_is_not_affected_by_an_earlier_gdef(t *testing.T) {
	r := sharedRenderer(t)
	v, err := r.pool.get() // the same VM for both formulas
	if err != nil {
		t.Fatal(err)
	}
	defer r.pool.put(v)
	if _, err := v.renderTeX(`\gdef\leak{x}\leak`, false); err != nil {
		t.Fatalf("defining a macro: %v", err)
	}
	_, err = v.renderTeX(`\leak`, false)
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(e.Msg, "Undefined control sequence") {
		t.Fatalf(`\leak after \gdef in an earlier formula: err = %v, want undefined`, err)
	}
}

func TestRender_defines_ML_macros(t *testing.T) {
	r := sharedRenderer(t)
	tests := []struct{ macro, expansion string }{
		{`\E`, `\operatorname{E}`},
		{`\Var`, `\operatorname{Var}`},
		{`\Cov`, `\operatorname{Cov}`},
		{`\tr`, `\operatorname{tr}`},
		{`\diag`, `\operatorname{diag}`},
		{`\sign`, `\operatorname{sign}`},
		{`\softmax`, `\operatorname{softmax}`},
		{`\KL`, `\mathrm{KL}`},
		{`\norm{x}`, `\left\lVert x \right\rVert`},
		{`\abs{x}`, `\left\lvert x \right\rvert`},
		{`\R`, `\mathbb{R}`}, // KaTeX's own
		{`\argmax_k`, `\DOTSB\operatorname*{arg\,max}_k`},
	}
	for _, tt := range tests {
		t.Run(tt.macro, func(t *testing.T) {
			t.Parallel()
			got, err := r.Render(tt.macro, false)
			if err != nil {
				t.Fatal(err)
			}
			want, err := r.Render(tt.expansion, false)
			if err != nil {
				t.Fatal(err)
			}
			// The annotation holds the source; the rest must be the same.
			strip := func(s, src string) string {
				return strings.Replace(s, `<annotation encoding="application/x-tex">`+htmlEscape(src)+`</annotation>`, "", 1)
			}
			if strip(got, tt.macro) != strip(want, tt.expansion) {
				t.Errorf("%s renders differently from %s:\n%s\n%s", tt.macro, tt.expansion, got, want)
			}
		})
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#x27;").Replace(s)
}

func TestRender_renders_identical_formulas_once_under_concurrency(t *testing.T) {
	r, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	r.pool = sharedRenderer(t).pool
	cases := fewFormulas(t)
	const goroutines, rounds = 8, 3
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for range rounds {
				for i := range cases {
					c := cases[(i+g*5)%len(cases)] // each goroutine starts elsewhere
					html, err := r.Render(c.Src, c.Display)
					if err != nil || html != c.HTML {
						t.Errorf("Render(%q) = %.40q, %v; want node's output", c.Src, html, err)
					}
				}
			}
		})
	}
	wg.Wait()
	hits, misses := r.Stats()
	if total := int64(goroutines * rounds * len(cases)); hits+misses != total {
		t.Errorf("Stats() = %d hits + %d misses, want %d calls", hits, misses, total)
	}
	if misses != int64(len(cases)) {
		t.Errorf("Stats() misses = %d, want %d: each distinct formula rendered once", misses, len(cases))
	}
}

func TestPool_starts_VMs_lazily_up_to_Workers(t *testing.T) {
	r, err := New(Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if n := r.pool.started.Load(); n != 0 {
		t.Fatalf("New started %d VMs, want none", n)
	}
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Go(func() {
			if _, err := r.Render(fmt.Sprintf(`x_{%d}`, i), false); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := r.pool.started.Load(); n < 1 || n > 2 {
		t.Errorf("%d VMs started for 6 concurrent formulas with Workers 2, want 1 or 2", n)
	}

	d, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cap(d.pool.idle), runtime.GOMAXPROCS(0); got != want {
		t.Errorf("Workers 0 gives a pool of %d, want GOMAXPROCS = %d", got, want)
	}
}

func TestVersion_names_the_embedded_KaTeX(t *testing.T) {
	v, err := newVM()
	if err != nil {
		t.Fatal(err)
	}
	got, err := v.rt.RunString(`katex.version`)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != Version {
		t.Errorf("assets/katex.min.js is KaTeX %s, Version says %s", got, Version)
	}
}

func TestByteOffset_converts_UTF16_offsets(t *testing.T) {
	tests := []struct {
		src  string
		pos  int
		want int
	}{
		{"abc", 0, 0},
		{"abc", 2, 2},
		{"abc", 3, 3},
		{"abc", 4, -1},
		{"abc", -1, -1},
		{"éa", 1, 2},
		{"😀a", 2, 4},
		{"😀a", 1, -1}, // inside the surrogate pair
		{"😀a", 3, 5},
		{"\xffa", 1, 1}, // an invalid byte is one U+FFFD
		{"", 0, 0},
	}
	for _, tt := range tests {
		if got := byteOffset(tt.src, tt.pos); got != tt.want {
			t.Errorf("byteOffset(%q, %d) = %d, want %d", tt.src, tt.pos, got, tt.want)
		}
	}
}
