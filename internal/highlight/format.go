package highlight

import (
	"strconv"
	"strings"
	"sync"

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
// appended to spans, leaving out empty tokens (which coalesced chroma output
// never has).
func tokensToSpans(toks []chroma.Token, spans []span) (string, []span) {
	var sb strings.Builder
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
// It is many times faster than chroma's formatter because it appends to one
// buffer of the right size, without fmt, and reads tags from a table.
func formatHTML(b block, text string, spans []span) string {
	lang := cmpOr(b.lang, "text")
	lines := strings.Count(text, "\n")
	if text != "" && text[len(text)-1] != '\n' {
		lines++
	}
	bp := bufPool.Get().(*[]byte)
	buf := (*bp)[:0]
	if size := 64 + len(lang) + len(text) + len(spans)*28 + lines*56; cap(buf) < size {
		buf = make([]byte, 0, size)
	}
	buf = append(buf, `<pre class="chroma" data-lang="`...)
	buf = appendEscaped(buf, lang)
	buf = append(buf, `"><code>`...)

	digits := len(strconv.Itoa(b.start + lines - 1))
	line := 0     // 0-based index of the current line
	open := false // the current line's spans are open
	ranges := b.ranges
	start := 0
	for _, s := range spans {
		tag := openTag(s.t)
		v := text[start:s.end]
		start = s.end
		for v != "" {
			if !open {
				// Highlight ranges count block lines, 1-based.
				for len(ranges) > 0 && line+1 > ranges[0][1] {
					ranges = ranges[1:]
				}
				if len(ranges) > 0 && line+1 >= ranges[0][0] {
					buf = append(buf, `<span class="line hl">`...)
				} else {
					buf = append(buf, `<span class="line">`...)
				}
				if b.lineNumbers {
					buf = append(buf, `<span class="ln">`...)
					n := b.start + line
					for w := len(strconv.Itoa(n)); w < digits; w++ {
						buf = append(buf, ' ')
					}
					buf = strconv.AppendInt(buf, int64(n), 10)
					buf = append(buf, `</span>`...)
				}
				buf = append(buf, `<span class="cl">`...)
				open = true
			}
			part := v
			nl := strings.IndexByte(v, '\n')
			if nl >= 0 {
				part = v[:nl+1]
			}
			v = v[len(part):]
			if tag != "" {
				buf = append(buf, tag...)
				buf = appendEscaped(buf, part)
				buf = append(buf, `</span>`...)
			} else {
				buf = appendEscaped(buf, part)
			}
			if nl >= 0 {
				buf = append(buf, `</span></span>`...)
				open = false
				line++
			}
		}
	}
	if open {
		buf = append(buf, `</span></span>`...)
	}
	buf = append(buf, `</code></pre>`...)
	out := string(buf)
	if cap(buf) <= maxPooled {
		*bp = buf
		bufPool.Put(bp)
	}
	return out
}

// Buffers are reused between calls, which spares the garbage collector most
// of the work; huge ones are let go.
var (
	bufPool  = sync.Pool{New: func() any { return new([]byte) }}
	spanPool = sync.Pool{New: func() any { return new([]span) }}
)

const maxPooled = 1 << 20

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// needsEscape marks the bytes html.EscapeString replaces.
var needsEscape = [256]bool{'<': true, '>': true, '&': true, '\'': true, '"': true}

// appendEscaped appends s escaped exactly as html.EscapeString does.
func appendEscaped(buf []byte, s string) []byte {
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
		buf = append(buf, s[last:i]...)
		buf = append(buf, esc...)
		last = i + 1
	}
	return append(buf, s[last:]...)
}

// Classes of token types, looked up by index: every type in
// chroma.StandardTypes lies in [minType, maxType), where classIndex holds
// 1 + its index in classNames and openTags.
const minType, maxType = -32, 10000

var classNames, openTags, classIndex = func() ([]string, []string, []uint8) {
	var names, tags []string
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
			tags = append(tags, spanTag(c))
			i = uint8(len(names))
			seen[c] = i
		}
		index[t-minType] = i
	}
	if len(names) > 255 {
		panic("highlight: too many classes")
	}
	return names, tags, index
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

// openTag is the <span class="…"> that starts a token of type t, or "" for
// a type without a class.
func openTag(t chroma.TokenType) string {
	if minType <= t && t < maxType {
		if i := classIndex[t-minType]; i != 0 {
			return openTags[i-1]
		}
	}
	return spanTag(chromaClass(t))
}

func spanTag(class string) string {
	if class == "" {
		return ""
	}
	return `<span class="` + class + `">`
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
