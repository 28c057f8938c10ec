package highlight

import (
	"html"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// The reference implementation: chroma's lexers and chroma's HTML formatter,
// configured as the package documentation promises. The fast path must
// produce the same bytes.

// chromaRender renders b with chroma alone.
func chromaRender(b block) string {
	return chromaFormat(b, spansToTokens(b.lex(false)))
}

// fastFormat formats chroma tokens with our formatter.
func fastFormat(b block, toks []chroma.Token) string {
	text, spans := tokensToSpans(toks, nil)
	return formatHTML(b, text, spans)
}

// lexPythonTokens is lexPython with chroma tokens.
func lexPythonTokens(code string) ([]chroma.Token, bool) {
	spans, ok := lexPython(code)
	return spansToTokens(code, spans), ok
}

// chromaPythonTokens lexes code with chroma's Python lexer.
func chromaPythonTokens(code string) ([]chroma.Token, error) {
	return chromaTokens(lexers.Get("python"), code)
}

// chromaFormat formats tokens with chroma's HTML formatter.
func chromaFormat(b block, toks []chroma.Token) string {
	var ranges [][2]int
	for _, r := range b.ranges { // block lines → displayed line numbers
		ranges = append(ranges, [2]int{r[0] + b.start - 1, r[1] + b.start - 1})
	}
	f := chromahtml.New(
		chromahtml.WithClasses(true),
		chromahtml.WithLineNumbers(b.lineNumbers),
		chromahtml.BaseLineNumber(b.start),
		chromahtml.HighlightLines(ranges),
		chromahtml.WithPreWrapper(langPre(cmpOr(b.lang, "text"))),
	)
	var sb strings.Builder
	if err := f.Format(&sb, styles.Get("github"), chroma.Literator(toks...)); err != nil {
		panic(err)
	}
	return sb.String()
}

// langPre is a chroma PreWrapper that adds data-lang.
type langPre string

func (p langPre) Start(code bool, styleAttr string) string {
	return `<pre` + styleAttr + ` data-lang="` + html.EscapeString(string(p)) + `"><code>`
}

func (p langPre) End(code bool) string { return `</code></pre>` }
