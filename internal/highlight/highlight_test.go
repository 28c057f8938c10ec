package highlight

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestHTMLWritesACompleteBlock(t *testing.T) {
	tests := []struct {
		name string
		code string
		o    Options
		want string
	}{
		{
			name: "python_with_classes",
			code: "x = 1\n",
			o:    Options{Lang: "python"},
			want: `<pre class="chroma" data-lang="python"><code><span class="line"><span class="cl"><span class="n">x</span> <span class="o">=</span> <span class="mi">1</span>
</span></span></code></pre>`,
		},
		{
			name: "unknown_language_is_escaped_plain_text",
			code: "<a href='x'>&\"</a>\n",
			o:    Options{Lang: "no-such-language"},
			want: `<pre class="chroma" data-lang="no-such-language"><code><span class="line"><span class="cl">&lt;a href=&#39;x&#39;&gt;&amp;&#34;&lt;/a&gt;
</span></span></code></pre>`,
		},
		{
			name: "no_language_is_text",
			code: "a < b",
			o:    Options{},
			want: `<pre class="chroma" data-lang="text"><code><span class="line"><span class="cl">a &lt; b
</span></span></code></pre>`,
		},
		{
			name: "language_is_lower_cased_and_escaped",
			code: "x",
			o:    Options{Lang: ` Py"thon `},
			want: `<pre class="chroma" data-lang="py&#34;thon"><code><span class="line"><span class="cl">x
</span></span></code></pre>`,
		},
		{
			name: "line_numbers_are_padded_and_start_where_asked",
			code: "a\nb\nc\n",
			o:    Options{Lang: "text", LineNumbers: true, Start: 9},
			want: `<pre class="chroma" data-lang="text"><code><span class="line"><span class="ln"> 9</span><span class="cl">a
</span></span><span class="line"><span class="ln">10</span><span class="cl">b
</span></span><span class="line"><span class="ln">11</span><span class="cl">c
</span></span></code></pre>`,
		},
		{
			name: "highlight_counts_block_lines_whatever_the_start",
			code: "a\nb\nc\n",
			o:    Options{Lang: "text", Highlight: [][2]int{{2, 2}}, Start: 100},
			want: `<pre class="chroma" data-lang="text"><code><span class="line"><span class="cl">a
</span></span><span class="line hl"><span class="cl">b
</span></span><span class="line"><span class="cl">c
</span></span></code></pre>`,
		},
		{
			name: "empty_code",
			code: "\n\n",
			o:    Options{Lang: "python", LineNumbers: true},
			want: `<pre class="chroma" data-lang="python"><code></code></pre>`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := New().HTML(tc.code, tc.o); got != tc.want {
				t.Errorf("HTML(%q, %+v) =\n%s\nwant\n%s", tc.code, tc.o, got, tc.want)
			}
		})
	}
}

func TestHTMLNormalisesLineEndingsAndTrailingBlankLines(t *testing.T) {
	h := New()
	o := Options{Lang: "python", LineNumbers: true}
	want := h.HTML("def f():\n    return 1\n", o)
	for _, code := range []string{
		"def f():\n    return 1",
		"def f():\n    return 1\n\n\n",
		"def f():\n    return 1\n  \n\t\n",
		"def f():\r\n    return 1\r\n",
		"def f():\r    return 1\r",
	} {
		if got := h.HTML(code, o); got != want {
			t.Errorf("HTML(%q) =\n%s\nwant\n%s", code, got, want)
		}
	}
	if strings.Contains(want, `<span class="cl"></span>`) || strings.Count(want, `class="line`) != 2 {
		t.Errorf("want exactly two lines and no empty last line, got\n%s", want)
	}
}

func TestHTMLNeverUsesInlineStyles(t *testing.T) {
	h := New()
	for _, lang := range []string{"python", "go", "javascript", "bash", "text", ""} {
		got := h.HTML("x = 1 # c\n", Options{Lang: lang, LineNumbers: true, Highlight: [][2]int{{1, 1}}})
		if strings.Contains(got, "style=") {
			t.Errorf("%s: inline style in %s", lang, got)
		}
	}
}

func TestHTMLMatchesChromaForEveryOption(t *testing.T) {
	codes := []string{python20, "x = 1", "'unterminated\n", "a\n\n\nb\n", strings.Repeat("print(1)\n", 12)}
	ranges := [][][2]int{nil, {{1, 1}}, {{3, 5}, {1, 2}}, {{0, 100}}, {{5, 3}}, {{2, 4}, {3, 8}, {12, 12}}}
	for ci, code := range codes {
		toks := spansToTokens(normalise(code, Options{Lang: "python"}).lex(false))
		for _, ln := range []bool{false, true} {
			for _, start := range []int{-3, 0, 1, 9, 995} {
				for ri, hl := range ranges {
					o := Options{Lang: "python", LineNumbers: ln, Start: start, Highlight: hl}
					b := normalise(code, o)
					if got, want := New().HTML(code, o), chromaFormat(b, toks); got != want {
						t.Errorf("code %d, options %+v (ranges %d):\n got %s\nwant %s", ci, o, ri, got, want)
					}
				}
			}
		}
	}
}

func TestHTMLIsDeterministic(t *testing.T) {
	o := Options{Lang: "python", LineNumbers: true, Highlight: [][2]int{{1, 3}}}
	first := New().HTML(python20, o)
	for range 20 {
		if got := New().HTML(python20, o); got != first {
			t.Fatal("same input gave different bytes")
		}
	}
}

func TestCacheCountsHitsAndMisses(t *testing.T) {
	h := New()
	o := Options{Lang: "python"}
	steps := []struct {
		code         string
		o            Options
		hits, misses int64
	}{
		{"x = 1\n", o, 0, 1},
		{"x = 1\n", o, 1, 1},
		{"x = 1", o, 2, 1},                                   // same after normalisation
		{"x = 2\n", o, 2, 2},                                 // other code
		{"x = 1\n", Options{Lang: "PYTHON"}, 3, 2},           // language is case-insensitive
		{"x = 1\n", Options{Lang: "py"}, 3, 3},               // other language tag
		{"x = 1\n", Options{Lang: "python", Start: 1}, 4, 3}, // Start 0 means 1
		{"x = 1\n", Options{Lang: "python", LineNumbers: true}, 4, 4},
		{"x = 1\n", Options{Lang: "python", Highlight: [][2]int{{1, 1}}}, 4, 5},
		{"x = 1\n", Options{Lang: "python", Highlight: [][2]int{{1, 1}, {1, 1}}}, 5, 5},
	}
	for i, s := range steps {
		h.HTML(s.code, s.o)
		if hits, misses := h.Stats(); hits != s.hits || misses != s.misses {
			t.Errorf("step %d: Stats() = %d, %d; want %d, %d", i, hits, misses, s.hits, s.misses)
		}
	}
}

func TestHighlighterIsSafeForConcurrentUse(t *testing.T) {
	h := New()
	var wg sync.WaitGroup
	results := make([][]string, 8)
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				code := fmt.Sprintf("x_%d = %d\n", i%10, i)
				results[g] = append(results[g], h.HTML(code, Options{Lang: []string{"python", "go"}[i%2]}))
			}
		})
	}
	wg.Wait()
	for g := 1; g < 8; g++ {
		for i := range results[g] {
			if results[g][i] != results[0][i] {
				t.Fatalf("goroutine %d, block %d differs", g, i)
			}
		}
	}
	if hits, misses := h.Stats(); hits+misses != 400 {
		t.Errorf("hits+misses = %d, want 400", hits+misses)
	}
}

func TestKnownLanguage(t *testing.T) {
	tests := []struct {
		lang string
		want bool
	}{
		{"python", true},
		{"Python", true},
		{"py", true},
		{"python3", true},
		{"go", true},
		{"javascript", true},
		{"bash", true},
		{"text", true},
		{"", false},
		{"no-such-language", false},
	}
	for _, tc := range tests {
		if got := KnownLanguage(tc.lang); got != tc.want {
			t.Errorf("KnownLanguage(%q) = %v, want %v", tc.lang, got, tc.want)
		}
	}
}
