package highlight

import (
	"strconv"
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// span is a token: its type and the end of its text, which starts where the
// previous span ends. A lexed text is a []span; unlike []chroma.Token it
// holds no pointers, which keeps the garbage collector out of the lexer.
type span struct {
	t   chroma.TokenType
	end int
}

// tokensToSpans turns chroma tokens into spans over their concatenation,
// leaving out empty tokens (which coalesced chroma output never has).
func tokensToSpans(toks []chroma.Token) (string, []span) {
	var sb strings.Builder
	spans := make([]span, 0, len(toks))
	for _, t := range toks {
		if t.Value == "" {
			continue
		}
		sb.WriteString(t.Value)
		spans = append(spans, span{t.Type, sb.Len()})
	}
	return sb.String(), spans
}

// spansToTokens is the inverse of tokensToSpans.
func spansToTokens(text string, spans []span) []chroma.Token {
	toks := make([]chroma.Token, len(spans))
	start := 0
	for i, s := range spans {
		toks[i] = chroma.Token{Type: s.t, Value: text[start:s.end]}
		start = s.end
	}
	return toks
}

// formatHTML writes the spans of text as chroma's HTML formatter does with
// html.WithClasses(true), html.WithLineNumbers(b.lineNumbers),
// html.BaseLineNumber(b.start), html.HighlightLines (ranges shifted to
// displayed numbers) and a pre wrapper that adds data-lang: see chromaFormat
// in the tests, against which it is checked byte for byte.
//
// It is many times faster than chroma's formatter because it writes into one
// buffer without fmt and reads CSS classes from a table.
func formatHTML(b block, text string, spans []span) string {
	lang := cmpOr(b.lang, "text")
	lines := strings.Count(text, "\n")
	if text != "" && text[len(text)-1] != '\n' {
		lines++
	}
	var sb strings.Builder
	sb.Grow(64 + len(lang) + len(text) + len(spans)*24 + lines*48)

	sb.WriteString(`<pre class="chroma" data-lang="`)
	escapeHTML(&sb, lang)
	sb.WriteString(`"><code>`)

	digits := len(strconv.Itoa(b.start + lines - 1))
	line := 0     // 0-based index of the current line
	open := false // the current line's spans are open
	ranges := b.ranges
	var num []byte
	startLine := func() {
		// Highlight ranges count block lines, 1-based.
		for len(ranges) > 0 && line+1 > ranges[0][1] {
			ranges = ranges[1:]
		}
		if len(ranges) > 0 && line+1 >= ranges[0][0] {
			sb.WriteString(`<span class="line hl">`)
		} else {
			sb.WriteString(`<span class="line">`)
		}
		if b.lineNumbers {
			sb.WriteString(`<span class="ln">`)
			num = strconv.AppendInt(num[:0], int64(b.start+line), 10)
			for i := len(num); i < digits; i++ {
				sb.WriteByte(' ')
			}
			sb.Write(num)
			sb.WriteString(`</span>`)
		}
		sb.WriteString(`<span class="cl">`)
		open = true
	}
	start := 0
	for _, s := range spans {
		cls := classOf(s.t)
		v := text[start:s.end]
		start = s.end
		for v != "" {
			if !open {
				startLine()
			}
			part := v
			nl := strings.IndexByte(v, '\n')
			if nl >= 0 {
				part = v[:nl+1]
			}
			v = v[len(part):]
			if cls != "" {
				sb.WriteString(`<span class="`)
				sb.WriteString(cls)
				sb.WriteString(`">`)
				escapeHTML(&sb, part)
				sb.WriteString(`</span>`)
			} else {
				escapeHTML(&sb, part)
			}
			if nl >= 0 {
				sb.WriteString(`</span></span>`)
				open = false
				line++
			}
		}
	}
	if open {
		sb.WriteString(`</span></span>`)
	}
	sb.WriteString(`</code></pre>`)
	return sb.String()
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// needsEscape marks the bytes html.EscapeString replaces.
var needsEscape = [256]bool{'<': true, '>': true, '&': true, '\'': true, '"': true}

// escapeHTML writes s escaped exactly as html.EscapeString does.
func escapeHTML(sb *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		if !needsEscape[s[i]] {
			continue
		}
		var esc string
		switch s[i] {
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '"':
			esc = "&#34;"
		}
		sb.WriteString(s[last:i])
		sb.WriteString(esc)
		last = i + 1
	}
	sb.WriteString(s[last:])
}

// Classes of token types, looked up by index: every type in
// chroma.StandardTypes lies in [minType, maxType), where classIndex holds
// 1 + its index in classNames.
const minType, maxType = -32, 10000

var classNames, classIndex = func() ([]string, []uint8) {
	names := []string{}
	index := make([]uint8, maxType-minType)
	seen := map[string]uint8{}
	for t := range chroma.StandardTypes {
		if t < minType || t >= maxType {
			panic("highlight: token type out of the class table")
		}
		c := chromaClass(t)
		i, ok := seen[c]
		if !ok {
			names = append(names, c)
			i = uint8(len(names))
			seen[c] = i
		}
		index[t-minType] = i
	}
	if len(names) > 255 {
		panic("highlight: too many classes")
	}
	return names, index
}()

// classOf is the CSS class chroma's formatter gives a token type.
func classOf(t chroma.TokenType) string {
	if minType <= t && t < maxType {
		if i := classIndex[t-minType]; i != 0 {
			return classNames[i-1]
		}
	}
	return chromaClass(t)
}

// chromaClass is html.Formatter.class without a prefix: the class of the
// nearest ancestor type in chroma.StandardTypes.
func chromaClass(t chroma.TokenType) string {
	for t != 0 {
		if cls, ok := chroma.StandardTypes[t]; ok {
			return cls
		}
		t = t.Parent()
	}
	return chroma.StandardTypes[t]
}
