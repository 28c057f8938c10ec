package highlight

import (
	"go/build"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// snippets in several languages, for checking the formatter on token types
// other than Python's.
var snippets = map[string]string{
	"go":         "package main\n\nimport \"fmt\"\n\n// main says hi.\nfunc main() {\n\tfmt.Println(\"hi <&>\", 1.5e3, 'x')\n}\n",
	"javascript": "const f = (a, b) => a + b; // sum\nlet s = `t ${f(1, 2)}`;\n/* block\n comment */\nclass A extends B {}\n",
	"bash":       "#!/bin/sh\nfor f in *.py; do\n  echo \"$f\" > /dev/null 2>&1\ndone\n",
	"json":       "{\"a\": [1, 2.5, true, null], \"b\": {\"c\": \"d\"}}\n",
	"yaml":       "key: value\nlist:\n  - 1\n  - 'two'\n# comment\n",
	"c":          "#include <stdio.h>\nint main(void) { printf(\"%d\\n\", 42); return 0; }\n",
	"html":       "<!doctype html>\n<p class=\"x\">a &amp; b</p>\n<script>var x = 1 < 2;</script>\n",
	"diff":       "--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new\n",
	"sql":        "SELECT a, COUNT(*) FROM t WHERE b = 'x' GROUP BY a;\n",
	"toml":       "[section]\nkey = \"value\"\nn = 3\n",
	"text":       "plain <text> & \"quotes\"\n",
	"r":          "x <- c(1, 2, 3)\nmean(x)  # average\n",
	"pycon":      ">>> print(1)\n1\n>>> def f():\n...     return 2\n",
}

func TestFormatterMatchesChromaOnOtherLanguages(t *testing.T) {
	for lang, code := range snippets {
		for _, o := range formatterOptions(lang) {
			b := normalise(code, o)
			toks := spansToTokens(b.lex(false))
			if got, want := fastFormat(b, toks), chromaFormat(b, toks); got != want {
				t.Errorf("%s %+v:\n got %s\nwant %s", lang, o, got, want)
			}
		}
	}
}

// TestFormatterMatchesChromaOnChromaTestdata formats the first lines of
// chroma's own lexer test inputs, one per language, when the module cache
// holds them.
func TestFormatterMatchesChromaOnChromaTestdata(t *testing.T) {
	modcache := os.Getenv("GOMODCACHE")
	if modcache == "" {
		modcache = filepath.Join(build.Default.GOPATH, "pkg", "mod")
	}
	dir := filepath.Join(modcache, "github.com", "alecthomas", "chroma", "v2@v2.27.0", "lexers", "testdata")
	files, _ := filepath.Glob(filepath.Join(dir, "*.actual"))
	if len(files) == 0 {
		t.Skipf("no chroma testdata in %s", dir)
	}
	compared := 0
	for i, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		// The first 40 lines hold plenty of token types; some lexers are slow.
		lines := strings.SplitAfter(string(data), "\n")
		data = []byte(strings.Join(lines[:min(len(lines), 40)], ""))
		name := strings.TrimSuffix(filepath.Base(path), ".actual")
		lexer := lexers.Get(name)
		if lexer == nil {
			continue
		}
		o := formatterOptions(name)[i%4]
		o.Lang = name
		b := normalise(string(data), o)
		toks, err := chromaTokens(lexer, b.code)
		if err != nil {
			continue
		}
		compared++
		if got, want := fastFormat(b, toks), chromaFormat(b, toks); got != want {
			t.Errorf("%s %+v: HTML differs from chroma's", name, o)
		}
	}
	t.Logf("compared %d files", compared)
}

func formatterOptions(lang string) []Options {
	return []Options{
		{Lang: lang},
		{Lang: lang, LineNumbers: true},
		{Lang: lang, LineNumbers: true, Start: 98, Highlight: [][2]int{{1, 1}, {3, 4}}},
		{Lang: lang, Highlight: [][2]int{{2, 100}}},
	}
}

func TestFormatterSplitsTokensAtNewlines(t *testing.T) {
	b := block{lang: "x", code: "a\n\nb\nc\n", lineNumbers: true, start: 1}
	tests := [][]chroma.Token{
		{{Type: chroma.Comment, Value: "a\n\nb\nc\n"}},
		{{Type: chroma.Comment, Value: "a"}, {Type: chroma.Text, Value: "\n\n"}, {Type: chroma.Keyword, Value: "b\nc"}, {Type: chroma.Text, Value: "\n"}},
		{{Type: chroma.Error, Value: "a\n"}, {Type: chroma.Error, Value: "\nb\nc\n"}},
		{{Type: chroma.TokenType(1234567), Value: "a\n\nb\nc\n"}},
	}
	for i, toks := range tests {
		if got, want := fastFormat(b, toks), chromaFormat(b, toks); got != want {
			t.Errorf("case %d:\n got %s\nwant %s", i, got, want)
		}
	}
}
