package highlight

import (
	"fmt"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
)

// pythonCases are hand-written inputs that exercise each rule of chroma's
// Python lexer, and the places where its behaviour is surprising.
var pythonCases = []struct {
	name string
	code string
	bail bool // the fast lexer must give up (and chroma is used)
}{
	{"empty_line", "\n", false},
	{"assignment", "x = 1\n", false},
	{"def_and_call", "def f(a, b=2, *args, **kw) -> int:\n    return a + b\n", false},
	{"class_with_base", "class Foo(Bar, metaclass=Meta):\n    pass\n", false},
	{"magic_method", "class A:\n    def __init__(self):\n        self.__dict__ = {}\n", false},
	{"decorators", "@property\n@functools.lru_cache(maxsize=None)\n@ a . b\n@x\n.y\ndef f(): ...\nm @ n\n", false},
	{"imports", "import os, sys as system\nimport a.b.c\nfrom . import x\nfrom ..pkg import (a, b)\nfrom x\nimport y\nfrom None import x\n", false},
	{"import_as_without_space", "import a asx\nimport a as\tb\n", false},
	{"keywords_root", "if x: pass\nelif y: continue\nelse: break\nwhile True: yield from g()\nyield  from\nasync def f(): await x\nmatch p:\n    case 1: del q\n", false},
	{"keywords_prefix", "define = 1\nclassy = 2\nfromage = 3\nimporter = 4\nyield fromage\nre.match(x)\n", false},
	{"keyword_not_word", "def(\nclass:\nfrom(\nimport(\n", false},
	{"operator_words", "a in b and not c or d is e\nnotx inx\n", false},
	{"builtins", "print(len(x), list(map(str, y)))\nx.print\nx . list\nself.cls\nraise ValueError('x')\nx.ValueError\n", false},
	{"magic_vars", "__name__ == '__main__'\nprint(__file__, x.__doc__)\n", false},
	{"numbers", "1 1_000 0x1F 0o17 0b101 1.5 .5 1. 1e10 1E-5 1.5e+3 1e5j 1.5j 10j 0x 0_1 1__2 1_ 1._5 1.e5 0O7 0B1 0XaB\n", false},
	{"number_then_name", "1if 2else 3def f\n0x1fdef\n", false},
	{"operators", "a != b == c << d >> e := f\na -= b ** c // d @= e ~ f ^ g | h & i\nx->y\n", false},
	{"error_chars", "a ! b $ c ? d ` e\n\x00\x01\x7f\n", false},
	{"backslash", "x = 1 + \\\n    2\ny = \\ z\n", false},
	{"comments", "# a comment\nx = 1  # trailing # hash\n#\n", false},
	{"hashbang", "#!/usr/bin/env python3\nprint(1)\n", false},
	{"hashbang_empty", "#!\n#!x\n", false},
	{"strings", "'a' \"b\" '''c''' \"\"\"d\"\"\" '' \"\" '''''' \"\"\"\"\"\"\n", false},
	{"string_prefixes", "r'a' R\"b\" u'c' U\"d\" b'e' B\"f\" rb'g' Rb\"h\" bR'i' BR\"j\" br'k' f'l' F\"m\" rf'n' fR\"o\" Fr'p' RF\"q\"\n", false},
	{"not_prefixes", "ur'a' bu'b' fb'c' rbf'd' ab'e' x'f'\n", false},
	{"triple_prefixes", "r'''a\\'''' rb\"\"\"x\"\"\" f'''{x}''' rf\"\"\"{y}\"\"\"\n", false},
	{"escapes", "'\\n\\t\\\\\\'\\\"\\a\\b\\f\\r\\v\\0\\012\\1234\\x41\\u1234\\U0001F600\\N{DASH}\\N{x\\q\\z'\n", false},
	{"bad_escapes", "'\\x4 \\u12 \\U123 \\N \\N{ \\8 \\d'\n", false},
	{"raw_escapes", "r'\\n\\'' r\"\\\\\" r'''\\''' r\"\"\"\\\"\"\"\"\n", false},
	{"continued_string", "'abc\\\ndef'\n\"x\\\ny\"\n", false},
	{"unterminated", "'abc\nx = \"def\nclass\n", false},
	{"multiline_triple", "s = '''one\n  two %s\n  {three}\n'''\nt = \"\"\"a\n\"b\"\n\"\"\"\n", false},
	{"docstring_like", "def f():\n    \"\"\"Doc string.\"\"\"\n    '''Other.'''\n", false},
	{"docstring_literal_quantifier", "r{,2}\"\"\"x\ny\"\"\"\n  b{,2}'''z'''\nu{,2}\"\"\"no end\n", false},
	{"percent_format", "'%s %d %5.2f %-10s %(name)s %(n)05d %% %*d %.*f %ld %hd %Lf %c %r %a %i %o %u %x %X %e %E %g %G %F % d %#x %+d %y %( %() %(x'\n", false},
	{"brace_format", "'{} {0} {name} {0.attr} {0[key]} {a.b[c].d} {!r} {0!s} {:>10} {:*^30} {:+.2f} {:,} {:08.3f} {:#x} {:%} {:.5} {x:{y}} {{}} {{x}} {:}>} {:\\n<} {0[]} {a.} {:=5} {:<>} {:a<5d}'\n", false},
	{"brace_format_unclosed", "'{0[x' '{' '}' '{{' '{x!z}' '{:10,.2e}'\n", false},
	{"fstrings", "f'{x}' f\"{x!r}\" f'{x:>10}' f'{x=}' f'{x = }' f'{x=!r:^20}' f'{{}}' f'{a[b]}' f'{f(a, b)}' f'{x:{w}.{p}}' f'{\"s\"}' f'{x!a}' f'{x!f}'\n", false},
	{"fstring_nesting", "f'{a[{b: (c)}]}' f'{(x)}' f'{x[y]:{z}}' f'{x}}' f'{{x}' f'}'\n", false},
	{"fstring_expr_keywords", "f'{x if y else z}' f'{async for}' f'{yield from x}' f'{lambda: 1}' f'{not a}' f'{True}' f'{def}' f'{print}' f'{x.print}'\n", false},
	{"fstring_ops", "f'{a==b}' f'{a!=b}' f'{a<=b}' f'{a<<b}' f'{a:=b}' f'{a=}' f'{a==}' f'{a >= }' f'{a=\n}'\n", false},
	{"fstring_errors", "f'{#x}' f'{\\n}' f'{x$}' f'{'\nf'{x\ny}'\n", false},
	{"fstring_multiline", "f'''{\nx\n}''' rf'''\\{x}\\n{{}}''' f\"{x:\n}\"\n", false},
	{"rf_escapes", "rf'\\n{x}\\'' fr\"\\\\{y}\\\"\"\n", false},
	{"whitespace", "x\t=\v1\f\n\t\n   \n", false},
	{"classname_errors", "class 1 x\nclass\nFoo\nclass (A):\n", false},
	{"funcname_magic", "def __init__(self): pass\ndef __init__x(): pass\ndef (x): pass\ndef\\\n f(): pass\n", false},
	{"lambda_and_walrus", "f = lambda x: (y := x + 1)\n", false},
	{"type_hints", "def f(x: list[int] | None = None) -> dict[str, 'Foo']: ...\n", false},
	{"nested_brackets", "x = {'a': [1, (2, 3)], **y}\n", false},
	{"semicolons", "a = 1; b = 2;\n", false},
	{"ellipsis", "x = ...\nEllipsis\nNotImplemented\n", false},
	{"unicode_in_strings", "s = 'héllo wörld ✓' # ünïcode comment\n\"→ {x}\" f'{x} →' '%s ü'\n", false},
	{"unicode_escape_name", "'\\N{GREEK SMALL LETTER ALPHA}'\n", false},
	{"unicode_identifier", "π = 3.14\n", true},
	{"unicode_after_name", "xé = 1\n", true},
	{"unicode_space_in_code", "x =\u00a01\n", true},
	{"unicode_in_format_field", "'{é}'\n", true},
	{"unicode_digit", "x = 1\u0663\n", true},
	{"invalid_utf8", "x = '\xff'\n", true},
	{"long_string_run", "x = '" + strings.Repeat("a", 9000) + "'\n", true},
	{"long_but_split", "x = '" + strings.Repeat("a", 8000) + "'\ny = '" + strings.Repeat("b", 8000) + "'\n", false},
	{"no_trailing_newline", "x = 1", false},
	{"only_comment_no_newline", "# x", false},
	{"deep_nesting", "f'" + strings.Repeat("{(", 50) + strings.Repeat(")}", 50) + "'\n", false},
}

func TestPythonLexerMatchesChromaOnHandWrittenCases(t *testing.T) {
	for _, tc := range pythonCases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := lexPythonTokens(tc.code)
			if ok == tc.bail {
				t.Fatalf("lexPython ok = %v, want %v", ok, !tc.bail)
			}
			if !ok {
				return
			}
			want, err := chromaPythonTokens(tc.code)
			if err != nil {
				t.Fatal(err)
			}
			if diff := diffTokens(got, want); diff != "" {
				t.Errorf("tokens differ from chroma's for %q:\n%s", tc.code, diff)
			}
		})
	}
}

// diffTokens describes the first difference between two token streams.
func diffTokens(got, want []chroma.Token) string {
	for i := 0; i < len(got) || i < len(want); i++ {
		if i >= len(got) || i >= len(want) || got[i] != want[i] {
			var b strings.Builder
			for j := max(0, i-3); j < i+3; j++ {
				g, w := "-", "-"
				if j < len(got) {
					g = fmt.Sprintf("%s %q", got[j].Type, got[j].Value)
				}
				if j < len(want) {
					w = fmt.Sprintf("%s %q", want[j].Type, want[j].Value)
				}
				mark := " "
				if j == i {
					mark = ">"
				}
				fmt.Fprintf(&b, "%s %3d fast:   %s\n        chroma: %s\n", mark, j, g, w)
			}
			return b.String()
		}
	}
	return ""
}

// FuzzPythonLexer checks that, on any input, the fast lexer either gives up
// or produces chroma's tokens, and that the rendered HTML is chroma's.
func FuzzPythonLexer(f *testing.F) {
	for _, tc := range pythonCases {
		f.Add(tc.code)
	}
	f.Add(python20)
	f.Fuzz(func(t *testing.T, code string) {
		code = ensureLF(code)
		want, err := chromaPythonTokens(code)
		if err != nil {
			t.Skip("chroma failed:", err)
		}
		got, ok := lexPythonTokens(code)
		if !ok {
			return
		}
		if diff := diffTokens(got, want); diff != "" {
			// A regexp2 match timeout under load makes chroma itself
			// nondeterministic; ask again before blaming the fast lexer.
			if again, _ := chromaPythonTokens(code); diffTokens(again, want) != "" {
				t.Skip("chroma is not deterministic on this input")
			}
			t.Fatalf("tokens differ from chroma's for %q:\n%s", code, diff)
		}
		b := normalise(code, Options{Lang: "python", LineNumbers: len(code)%2 == 0, Highlight: [][2]int{{2, 3}}})
		if got, want := b.render(), chromaFormat(b, mustChroma(t, b.code)); got != want {
			t.Fatalf("HTML differs for %q:\n got %s\nwant %s", code, got, want)
		}
	})
}

func mustChroma(t *testing.T, code string) []chroma.Token {
	t.Helper()
	toks, err := chromaPythonTokens(code)
	if err != nil {
		t.Fatal(err)
	}
	return toks
}

// TestPythonRulesFingerprint fails when chroma's Python lexer is no longer
// the one lexPython was proven equal to; until the fingerprint is updated,
// lexPython refuses all input and Python goes through chroma (slowly).
func TestPythonRulesFingerprint(t *testing.T) {
	if got := currentPythonRulesFingerprint(); got != pythonRulesFingerprint {
		t.Fatalf("chroma's Python lexer rules changed (fingerprint %s, want %s).\n"+
			"Compare lexers/embedded/python.xml with the version python.go follows, update lexPython, "+
			"run go test -run 'Python|Corpus' -pycorpus.full and FuzzPythonLexer, then update pythonRulesFingerprint.",
			got, pythonRulesFingerprint)
	}
	if !pythonRulesVerified() {
		t.Fatal("fast path disabled")
	}
}
