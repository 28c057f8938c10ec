package highlight

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// lexPython is a hand-written, single-pass equivalent of chroma's Python
// lexer (lexers/embedded/python.xml in chroma v2.27.0): it returns, as spans
// of code, the same coalesced token stream that
// chroma.Coalesce(lexers.Get("python")) does, or ok=false when it cannot
// vouch for that, and the caller must use chroma.
//
// How it stays equal: every state below is a function that tries the rules
// of the chroma state of the same name in the same order, each regular
// expression replaced by code that matches what regexp2 matches (the
// comments give the pattern). Where a pattern is not simply greedy, the
// reasoning is spelt out. Where a pattern tests a Unicode class (\s, \w, \d,
// \p{L}, \p{N}) against a non-ASCII character, the scanner bails out instead
// of guessing: non-ASCII text is only handled where it cannot matter (inside
// strings and comments). It also bails out on invalid UTF-8 (chroma decodes
// runes and would substitute U+FFFD), on "\r" (callers pass LF text), and
// when a coalesced token reaches 8192 bytes (chroma.Coalesce stops merging
// there, at boundaries we do not reproduce).
//
// pythonRulesFingerprint pins the chroma rules this was written against: if
// a chroma upgrade changes them, lexPython refuses all input until someone
// re-runs the differential tests and updates the fingerprint.
func lexPython(code string) ([]span, bool) { return lexPythonInto(code, nil) }

// lexPythonInto is lexPython appending to toks, which must be empty.
func lexPythonInto(code string, toks []span) (_ []span, ok bool) {
	if !pythonRulesVerified() || !utf8.ValidString(code) || strings.IndexByte(code, '\r') >= 0 {
		return toks, false
	}
	defer func() {
		if r := recover(); r != nil {
			if _, isBail := r.(bailout); !isBail {
				panic(r)
			}
			ok = false
		}
	}()
	// Python code averages a token per two or three bytes.
	if cap(toks) < len(code)/2+8 {
		toks = make([]span, 0, len(code)/2+8)
	}
	var stack [8]pyState
	l := pyLexer{s: code, stack: stack[:1], toks: toks[:0]}
	l.run()
	start := 0
	for _, t := range l.toks {
		if t.end-start >= 8192 {
			return l.toks[:0], false
		}
		start = t.end
	}
	return l.toks, true
}

// pythonRulesFingerprint is the SHA-256 of the configuration and rules of
// the chroma Python lexer that lexPython was proven against, as XML (see
// currentPythonRulesFingerprint and TestPythonRulesFingerprint).
const pythonRulesFingerprint = "3a55c5af9547ad4bef6cde2a09f8e05bce1c6bac213713990c98697d7b434a0f"

var pythonRulesVerified = sync.OnceValue(func() bool {
	return currentPythonRulesFingerprint() == pythonRulesFingerprint
})

func currentPythonRulesFingerprint() string {
	rl, ok := lexers.Get("python").(*chroma.RegexLexer)
	if !ok {
		return ""
	}
	rules, err := rl.Rules()
	if err != nil {
		return ""
	}
	// Marshal state by state: chroma marshals a whole Rules map in map order.
	d := sha256.New()
	config, err := xml.Marshal(rl.Config())
	if err != nil {
		return ""
	}
	d.Write(config)
	for _, state := range slices.Sorted(maps.Keys(rules)) {
		data, err := xml.Marshal(chroma.Rules{state: rules[state]})
		if err != nil {
			return ""
		}
		d.Write(data)
	}
	return hex.EncodeToString(d.Sum(nil))
}

// bailout is the panic value with which the scanner gives up.
type bailout struct{}

type pyKind uint8

const (
	pyRoot       pyKind = iota // root
	pyFuncname                 // funcname
	pyClassname                // classname
	pyFromImport               // fromimport
	pyImport                   // import
	pyString                   // [combined escapes +] tdqs, tsqs, dqs, sqs, tdqf, tsqf, dqf, sqf
	pyFExpr                    // expr-inside-fstring
	pyFExprInner               // expr-inside-fstring-inner
)

// pyState is one entry of the state stack. For strings it says which of
// chroma's (possibly combined) string states it is.
type pyState struct {
	kind   pyKind
	quote  byte // ' or "
	triple bool // tdqs, tsqs, tdqf, tsqf
	f      bool // an f-string: rfstringescape and fstrings-* apply
	esc    bool // stringescape applies (not for raw strings)
}

type pyLexer struct {
	s     string
	pos   int
	stack []pyState
	toks  []span
}

func (l *pyLexer) bail() { panic(bailout{}) }

// emit makes s[pos:end] a token of type t, merging it into the previous
// token when the types agree (chroma.Coalesce), and advances pos.
func (l *pyLexer) emit(t chroma.TokenType, end int) {
	if end == l.pos {
		return
	}
	if n := len(l.toks); n > 0 && l.toks[n-1].t == t {
		l.toks[n-1].end = end
	} else {
		l.toks = append(l.toks, span{t, end})
	}
	l.pos = end
}

func (l *pyLexer) push(st pyState) { l.stack = append(l.stack, st) }
func (l *pyLexer) pop()            { l.stack = l.stack[:len(l.stack)-1] }

// run is chroma's LexerState.Iterator loop.
func (l *pyLexer) run() {
	for l.pos < len(l.s) {
		top := l.stack[len(l.stack)-1]
		var matched bool
		switch top.kind {
		case pyRoot:
			matched = l.root()
		case pyFuncname:
			matched = l.funcname()
		case pyClassname:
			matched = l.classname()
		case pyFromImport:
			matched = l.fromImport()
		case pyImport:
			matched = l.importState()
		case pyString:
			matched = l.str(top)
		case pyFExpr:
			matched = l.fexpr()
		case pyFExprInner:
			matched = l.fexprInner()
		}
		if matched {
			continue
		}
		// No rule matched: a newline outside root resets the stack to root
		// (and is lexed again there); anything else is a one-rune Error.
		c := l.s[l.pos]
		if c == '\n' && top.kind != pyRoot {
			l.stack = l.stack[:1]
			continue
		}
		if c >= utf8.RuneSelf {
			l.bail()
		}
		l.emit(chroma.Error, l.pos+1)
	}
}

// Character classes. Each takes an offset, is false past the end, and bails
// out on a non-ASCII character, whose membership in regexp2's Unicode
// classes we do not reproduce.

// isSpace is \s.
func (l *pyLexer) isSpace(i int) bool {
	if i >= len(l.s) {
		return false
	}
	switch c := l.s[i]; {
	case c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
		return true
	case c >= utf8.RuneSelf:
		l.bail()
	}
	return false
}

// isHSpace is [^\S\n].
func (l *pyLexer) isHSpace(i int) bool {
	return i < len(l.s) && l.s[i] != '\n' && l.isSpace(i)
}

// isWord is \w (and [_\p{L}\p{N}]).
func (l *pyLexer) isWord(i int) bool {
	if i >= len(l.s) {
		return false
	}
	c := l.s[i]
	if c >= utf8.RuneSelf {
		l.bail()
	}
	return isWordByte(c)
}

// isLetter is [_\p{L}], the first character of a name.
func (l *pyLexer) isLetter(i int) bool {
	if i >= len(l.s) {
		return false
	}
	c := l.s[i]
	if c >= utf8.RuneSelf {
		l.bail()
	}
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// isDigit is \d.
func (l *pyLexer) isDigit(i int) bool {
	if i >= len(l.s) {
		return false
	}
	c := l.s[i]
	if c >= utf8.RuneSelf {
		l.bail()
	}
	return '0' <= c && c <= '9'
}

func isWordByte(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// spaceRun is the end of \s* from i.
func (l *pyLexer) spaceRun(i int) int {
	for l.isSpace(i) {
		i++
	}
	return i
}

// nameEnd is the end of the name [_\p{L}][_\p{L}\p{N}]* starting at i (the
// caller has checked the first character). As every use of a name or
// keyword is followed by \b or is greedy, the end is also where \b holds.
func (l *pyLexer) nameEnd(i int) int {
	i++
	for l.isWord(i) {
		i++
	}
	return i
}

// boundary is \b after a word character, at i.
func (l *pyLexer) boundary(i int) bool { return !l.isWord(i) }

// lineEnd is the end of .* from i: the next "\n" or the end.
func (l *pyLexer) lineEnd(i int) int {
	if j := strings.IndexByte(l.s[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(l.s)
}

// digits is the end of \d(?:_?\d)* from i, where \d is known to match.
func (l *pyLexer) digits(i int) int {
	i++
	for {
		if l.isDigit(i) {
			i++
		} else if i < len(l.s) && l.s[i] == '_' && l.isDigit(i+1) {
			i += 2
		} else {
			return i
		}
	}
}

// exponent is the end of the optional ([eE][+-]?\d(?:_?\d)*) from i.
func (l *pyLexer) exponent(i int) int {
	if i < len(l.s) && (l.s[i] == 'e' || l.s[i] == 'E') {
		j := i + 1
		if j < len(l.s) && (l.s[j] == '+' || l.s[j] == '-') {
			j++
		}
		if l.isDigit(j) {
			return l.digits(j)
		}
	}
	return i
}

// --- root ---

func (l *pyLexer) root() bool {
	s, p := l.s, l.pos
	c := s[p]
	// \n
	if c == '\n' {
		l.emit(chroma.Text, p+1)
		return true
	}
	// ^(\s*)([rRuUbB]{,2})("""(?:.|\n)*?""") and the ''' twin.
	if (p == 0 || s[p-1] == '\n') && l.docstring() {
		return true
	}
	if c == '#' {
		end := l.lineEnd(p)
		if p == 0 && len(s) > 1 && s[1] == '!' && end > 2 {
			l.emit(chroma.CommentHashbang, end) // \A#!.+$
		} else {
			l.emit(chroma.CommentSingle, end) // #.*$
		}
		return true
	}
	// \\\n, then \\
	if c == '\\' {
		if p+1 < len(s) && s[p+1] == '\n' {
			l.emit(chroma.Text, p+2)
		} else {
			l.emit(chroma.Text, p+1)
		}
		return true
	}
	if c >= utf8.RuneSelf {
		l.bail()
	}
	if !l.isLetter(p) {
		return l.expr()
	}
	end := l.nameEnd(p)
	w := s[p:end]
	if !mayBeWord(w) {
		// No rule before expr's name rule can match, but a string prefix.
		if end < len(s) && (s[end] == '"' || s[end] == '\'') {
			return l.expr()
		}
		l.emit(chroma.Name, end)
		return true
	}
	// keywords: (yield from|nonlocal|…|match|case)\b, (False|True|None)\b
	if w == "yield" && strings.HasPrefix(s[end:], " from") && l.boundary(end+5) {
		l.emit(chroma.Keyword, end+5)
		return true
	}
	if t, ok := pyRootWords[w]; ok {
		l.emit(t, end)
		return true
	}
	// (def)((?:\s|\\\s)+) → funcname, and likewise class, from, import.
	var next pyKind
	t := chroma.Keyword
	switch w {
	case "def":
		next = pyFuncname
	case "class":
		next = pyClassname
	case "from":
		next, t = pyFromImport, chroma.KeywordNamespace
	case "import":
		next, t = pyImport, chroma.KeywordNamespace
	default:
		return l.expr()
	}
	ws := end
	for {
		if l.isSpace(ws) {
			ws++
		} else if ws < len(s) && s[ws] == '\\' && l.isSpace(ws+1) {
			ws += 2
		} else {
			break
		}
	}
	if ws == end {
		return l.expr()
	}
	l.emit(t, end)
	l.emit(chroma.Text, ws)
	l.push(pyState{kind: next})
	return true
}

// docstring is root's ^(\s*)([rRuUbB]{,2})("""(?:.|\n)*?""") rule and its
// twin with single quotes, at the start of a line. regexp2 reads {,2} as the
// literal text "{,2}" (it is no quantifier in .NET syntax), so the rules
// match only text like r{,2}"""…""": not real docstrings, which are ordinary
// strings to chroma.
// \s* is greedy and cannot give back (a space is no [rRuUbB]); the lazy
// body ends at the first closing quotes.
func (l *pyLexer) docstring() bool {
	s := l.s
	i := l.spaceRun(l.pos)
	if i >= len(s) || strings.IndexByte("rRuUbB", s[i]) < 0 || !strings.HasPrefix(s[i+1:], "{,2}") {
		return false
	}
	j := i + 5
	for _, q := range [...]string{`"""`, `'''`} {
		if !strings.HasPrefix(s[j:], q) {
			continue
		}
		if k := strings.Index(s[j+3:], q); k >= 0 {
			l.emit(chroma.Text, i)
			l.emit(chroma.LiteralStringAffix, j)
			l.emit(chroma.LiteralStringDoc, j+3+k+3)
			return true
		}
	}
	return false
}

// --- expr ---

func (l *pyLexer) expr() bool {
	s, p := l.s, l.pos
	c := s[p]
	if l.stringStart() {
		return true
	}
	// [^\S\n]+ (isHSpace bails out on non-ASCII, which may be a space)
	if l.isHSpace(p) {
		e := p + 1
		for l.isHSpace(e) {
			e++
		}
		l.emit(chroma.Text, e)
		return true
	}
	if l.number() {
		return true
	}
	// Operators: !=|==|<<|>>|:=|[-~+/*%=<>&^|.]; punctuation: []{}:(),;[]
	next := byte(0)
	if p+1 < len(s) {
		next = s[p+1]
	}
	switch c {
	case '!':
		if next == '=' {
			l.emit(chroma.Operator, p+2)
			return true
		}
	case '=', '<', '>':
		if next == c {
			l.emit(chroma.Operator, p+2)
		} else {
			l.emit(chroma.Operator, p+1)
		}
		return true
	case ':':
		if next == '=' {
			l.emit(chroma.Operator, p+2)
		} else {
			l.emit(chroma.Punctuation, p+1)
		}
		return true
	case '-', '~', '+', '/', '*', '%', '&', '^', '|', '.':
		l.emit(chroma.Operator, p+1)
		return true
	case ']', '{', '}', '(', ')', ',', ';', '[':
		l.emit(chroma.Punctuation, p+1)
		return true
	case '@':
		l.decorator()
		return true
	}
	if !l.isLetter(p) {
		return false
	}
	end := l.nameEnd(p)
	w := s[p:end]
	if !mayBeWord(w) {
		l.emit(chroma.Name, end)
		return true
	}
	// (in|is|and|or|not)\b comes first but cannot match these two; then
	// (yield from|async for|lambda|…)\b tries the two-word keywords first.
	if w == "yield" && strings.HasPrefix(s[end:], " from") && l.boundary(end+5) {
		l.emit(chroma.Keyword, end+5)
		return true
	}
	if w == "async" && strings.HasPrefix(s[end:], " for") && l.boundary(end+4) {
		l.emit(chroma.Keyword, end+4)
		return true
	}
	t := chroma.Name
	if e, ok := pyExprWords[w]; ok {
		t = e.t
		// (?<!\.) guards the builtins, exceptions and self/cls rules.
		if e.notAfterDot && p > 0 && s[p-1] == '.' {
			t = e.afterDot
		}
	}
	l.emit(t, end)
	return true
}

// decorator is @[_\p{L}][_\p{L}\p{N}]*(\s*\.\s*[_\p{L}][_\p{L}\p{N}]*)*, else
// the @ operator. Each repetition either matches whole, greedily, or not at
// all, as nothing follows the group in the pattern.
func (l *pyLexer) decorator() {
	p := l.pos
	if !l.isLetter(p + 1) {
		l.emit(chroma.Operator, p+1)
		return
	}
	end := l.nameEnd(p + 1)
	for {
		j := l.spaceRun(end)
		if j >= len(l.s) || l.s[j] != '.' {
			break
		}
		k := l.spaceRun(j + 1)
		if !l.isLetter(k) {
			break
		}
		end = l.nameEnd(k)
	}
	l.emit(chroma.NameDecorator, end)
}

// number is the numbers state, rule by rule.
func (l *pyLexer) number() bool {
	s, p := l.s, l.pos
	c := s[p]
	if c == '.' {
		// The second alternative of the float rule, (\d…)?\.\d(?:_?\d)*,
		// then an optional exponent.
		if l.isDigit(p + 1) {
			l.emit(chroma.LiteralNumberFloat, l.exponent(l.digits(p+1)))
			return true
		}
		return false
	}
	if !l.isDigit(p) {
		return false
	}
	// (\d(?:_?\d)*\.(?:\d(?:_?\d)*)?|…)([eE][+-]?\d(?:_?\d)*)? — the digit
	// run is maximal and only a "." may follow it, so there is no
	// backtracking to consider; the second alternative cannot match text
	// starting with a digit when the first did not.
	end := l.digits(p)
	if end < len(s) && s[end] == '.' {
		f := end + 1
		if l.isDigit(f) {
			f = l.digits(f)
		}
		l.emit(chroma.LiteralNumberFloat, l.exponent(f))
		return true
	}
	// \d(?:_?\d)*[eE][+-]?\d(?:_?\d)*j?
	if x := l.exponent(end); x > end {
		if x < len(s) && s[x] == 'j' {
			x++
		}
		l.emit(chroma.LiteralNumberFloat, x)
		return true
	}
	// 0[oO](?:_?[0-7])+, 0[bB](?:_?[01])+, 0[xX](?:_?[a-fA-F0-9])+
	if c == '0' && p+1 < len(s) {
		var t chroma.TokenType
		var in func(byte) bool
		switch s[p+1] {
		case 'o', 'O':
			t, in = chroma.LiteralNumberOct, func(b byte) bool { return '0' <= b && b <= '7' }
		case 'b', 'B':
			t, in = chroma.LiteralNumberBin, func(b byte) bool { return b == '0' || b == '1' }
		case 'x', 'X':
			t, in = chroma.LiteralNumberHex, isHexByte
		}
		if in != nil {
			i := p + 2
			for {
				if i < len(s) && in(s[i]) {
					i++
				} else if i+1 < len(s) && s[i] == '_' && in(s[i+1]) {
					i += 2
				} else {
					break
				}
			}
			if i > p+2 {
				l.emit(t, i)
				return true
			}
		}
	}
	// \d(?:_?\d)*
	l.emit(chroma.LiteralNumberInteger, end)
	return true
}

func isHexByte(b byte) bool {
	return '0' <= b && b <= '9' || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F'
}

// stringStart is the sixteen string-opening rules at the top of expr. In
// their order: (?i)(rf|fr) then [fF] (f-strings), (?i)(rb|br|r) (raw), then
// [uUbB]? (escapes); within each, three double quotes, three single ones,
// one double, one single: the quote character decides.
func (l *pyLexer) stringStart() bool {
	s, p := l.s, l.pos
	isQuote := func(i int) bool { return i < len(s) && (s[i] == '"' || s[i] == '\'') }
	lower := func(i int) byte {
		if i >= len(s) {
			return 0
		}
		if b := s[i]; 'A' <= b && b <= 'Z' {
			return b + 'a' - 'A'
		} else {
			return b
		}
	}
	a, b := lower(p), lower(p+1)
	st := pyState{kind: pyString}
	var q int // offset of the quote
	switch {
	case (a == 'r' && b == 'f' || a == 'f' && b == 'r') && isQuote(p+2):
		q, st.f = p+2, true
	case a == 'f' && isQuote(p+1):
		q, st.f, st.esc = p+1, true, true
	case (a == 'r' && b == 'b' || a == 'b' && b == 'r') && isQuote(p+2):
		q = p + 2
	case a == 'r' && isQuote(p+1):
		q = p + 1
	case (a == 'u' || a == 'b') && isQuote(p+1):
		q, st.esc = p+1, true
	case isQuote(p):
		q, st.esc = p, true
	default:
		return false
	}
	st.quote = s[q]
	end := q + 1
	if q+2 < len(s) && s[q+1] == st.quote && s[q+2] == st.quote {
		st.triple, end = true, q+3
	}
	l.emit(chroma.LiteralStringAffix, q)
	l.emit(stringType(st.quote), end)
	l.push(st)
	return true
}

func stringType(quote byte) chroma.TokenType {
	if quote == '"' {
		return chroma.LiteralStringDouble
	}
	return chroma.LiteralStringSingle
}

// str is a string state: the combination of rfstringescape (f-strings),
// stringescape (unless raw), the closing quote, the \\\\|\\"|\\\n escapes of
// one-line strings, fstrings-* or strings-*, and \n for triple quotes.
func (l *pyLexer) str(st pyState) bool {
	s, p := l.s, l.pos
	c := s[p]
	t := stringType(st.quote)
	var next byte
	if p+1 < len(s) {
		next = s[p+1]
	}
	// rfstringescape: \{\{ and \}\}
	if st.f && p+1 < len(s) && (c == '{' && next == '{' || c == '}' && next == '}') {
		l.emit(chroma.LiteralStringEscape, p+2)
		return true
	}
	// stringescape
	if st.esc && c == '\\' {
		if e := l.escape(p); e > 0 {
			l.emit(chroma.LiteralStringEscape, e)
			return true
		}
	}
	// The closing quote(s): pop.
	if c == st.quote && (!st.triple || p+2 < len(s) && next == c && s[p+2] == c) {
		if st.triple {
			l.emit(t, p+3)
		} else {
			l.emit(t, p+1)
		}
		l.pop()
		return true
	}
	// \\\\|\\"|\\\n (one-line strings only)
	if !st.triple && c == '\\' && p+1 < len(s) && (next == '\\' || next == st.quote || next == '\n') {
		l.emit(chroma.LiteralStringEscape, p+2)
		return true
	}
	if st.f {
		// fstrings-*: \}, \{ (push expr-inside-fstring), [^\\\'"{}\n]+, [\'"\\]
		switch c {
		case '}':
			l.emit(chroma.LiteralStringInterpol, p+1)
			return true
		case '{':
			l.emit(chroma.LiteralStringInterpol, p+1)
			l.push(pyState{kind: pyFExpr})
			return true
		case '\\', '\'', '"':
			l.emit(t, p+1)
			return true
		case '\n':
		default:
			l.emit(t, l.plainEnd(p, "\\'\"{}\n"))
			return true
		}
	} else {
		// strings-*: %-interpolation, {}-interpolation, [^\\\'"%{\n]+,
		// [\'"\\], %|(\{{1,2})
		switch c {
		case '%':
			if e := l.percentFormat(p); e > 0 {
				l.emit(chroma.LiteralStringInterpol, e)
			} else {
				l.emit(t, p+1)
			}
			return true
		case '{':
			if e := l.braceFormat(p); e > 0 {
				l.emit(chroma.LiteralStringInterpol, e)
			} else if next == '{' {
				l.emit(t, p+2)
			} else {
				l.emit(t, p+1)
			}
			return true
		case '\\', '\'', '"':
			l.emit(t, p+1)
			return true
		case '\n':
		default:
			l.emit(t, l.plainEnd(p, "\\'\"%{\n"))
			return true
		}
	}
	// \n (triple-quoted strings only)
	if st.triple && c == '\n' {
		l.emit(t, p+1)
		return true
	}
	return false
}

// plainEnd is the end of a run of bytes not in stop, from i. Non-ASCII text
// is part of the run, as in the negated classes it stands for.
func (l *pyLexer) plainEnd(i int, stop string) int {
	for i < len(l.s) && strings.IndexByte(stop, l.s[i]) < 0 {
		i++
	}
	return i
}

// escape is the end of
// \\([\\abfnrtv"\']|\n|N\{.*?\}|u[a-fA-F0-9]{4}|U[a-fA-F0-9]{8}|x[a-fA-F0-9]{2}|[0-7]{1,3})
// at i, or 0. The alternatives start with distinct characters, so the
// first character picks the only one that can match.
func (l *pyLexer) escape(i int) int {
	s := l.s
	i++
	if i >= len(s) {
		return 0
	}
	hex := func(j, n int) int {
		if j+n > len(s) {
			return 0
		}
		for k := j; k < j+n; k++ {
			if !isHexByte(s[k]) {
				return 0
			}
		}
		return j + n
	}
	switch c := s[i]; c {
	case '\\', 'a', 'b', 'f', 'n', 'r', 't', 'v', '"', '\'', '\n':
		return i + 1
	case 'N':
		// N\{.*?\}: the first } on the line.
		if i+1 < len(s) && s[i+1] == '{' {
			for j := i + 2; j < len(s) && s[j] != '\n'; j++ {
				if s[j] == '}' {
					return j + 1
				}
			}
		}
		return 0
	case 'u':
		return hex(i+1, 4)
	case 'U':
		return hex(i+1, 8)
	case 'x':
		return hex(i+1, 2)
	case '0', '1', '2', '3', '4', '5', '6', '7':
		j := i + 1
		for j < len(s) && j < i+3 && '0' <= s[j] && s[j] <= '7' {
			j++
		}
		return j
	}
	return 0
}

// percentFormat is the end of
// %(\(\w+\))?[-#0 +]*([0-9]+|[*])?(\.([0-9]+|[*]))?[hlL]?[E-GXc-giorsaux%]
// at i, or 0. Greedy matching is exact here: no character that an optional
// part can consume is one the conversion character class accepts, so
// giving any of it back could never lead to a match.
func (l *pyLexer) percentFormat(i int) int {
	s := l.s
	n := len(s)
	i++
	if i < n && s[i] == '(' {
		j := i + 1
		for l.isWord(j) {
			j++
		}
		if j > i+1 && j < n && s[j] == ')' {
			i = j + 1
		}
	}
	for i < n && strings.IndexByte("-#0 +", s[i]) >= 0 {
		i++
	}
	if i < n && '0' <= s[i] && s[i] <= '9' {
		for i < n && '0' <= s[i] && s[i] <= '9' {
			i++
		}
	} else if i < n && s[i] == '*' {
		i++
	}
	if i+1 < n && s[i] == '.' {
		if '0' <= s[i+1] && s[i+1] <= '9' {
			i += 2
			for i < n && '0' <= s[i] && s[i] <= '9' {
				i++
			}
		} else if s[i+1] == '*' {
			i += 2
		}
	}
	if i < n && (s[i] == 'h' || s[i] == 'l' || s[i] == 'L') {
		i++
	}
	if i < n && strings.IndexByte("EFGXcdefgiorsaux%", s[i]) >= 0 {
		return i + 1
	}
	return 0
}

// braceFormat is the end of
// \{((\w+)((\.\w+)|(\[[^\]]+\]))*)?(\![sra])?(\:(.?[<>=\^])?[-+ ]?#?0?(\d+)?,?(\.\d+)?[E-GXb-gnosx%]?)?\}
// at i, or 0.
//
// The field name is greedy and exact: it ends at a character that is no
// word character, and each repetition starts with . or [ and ends where the
// next one could start, so no shorter split is followed by !, : or }. The
// format spec after : is tried with each reading of (.?[<>=\^])? in
// regexp2's order (two characters, one, none); for each, the rest is a
// sequence of optional parts over disjoint sets of characters none of which
// is }, so only the greedy reading can be followed by }.
func (l *pyLexer) braceFormat(i int) int {
	s := l.s
	n := len(s)
	i++
	if l.isWord(i) {
		i++
		for l.isWord(i) {
			i++
		}
		for i < n {
			if s[i] == '.' && l.isWord(i+1) {
				i += 2
				for l.isWord(i) {
					i++
				}
			} else if s[i] == '[' {
				k := strings.IndexByte(s[i+1:], ']')
				if k <= 0 {
					break
				}
				i += k + 2
			} else {
				break
			}
		}
	}
	if i+1 < n && s[i] == '!' && strings.IndexByte("sra", s[i+1]) >= 0 {
		i += 2
	}
	if i < n && s[i] == ':' {
		isAlign := func(j int) bool { return j < n && strings.IndexByte("<>=^", s[j]) >= 0 }
		var starts []int
		if i+1 < n && s[i+1] != '\n' {
			_, size := utf8.DecodeRuneInString(s[i+1:])
			if isAlign(i + 1 + size) {
				starts = append(starts, i+1+size+1)
			}
		}
		if isAlign(i + 1) {
			starts = append(starts, i+2)
		}
		starts = append(starts, i+1)
		for _, j := range starts {
			if j = l.formatSpecRest(j); j < n && s[j] == '}' {
				return j + 1
			}
		}
		return 0
	}
	if i < n && s[i] == '}' {
		return i + 1
	}
	return 0
}

// formatSpecRest is the end of [-+ ]?#?0?(\d+)?,?(\.\d+)?[E-GXb-gnosx%]? at j.
func (l *pyLexer) formatSpecRest(j int) int {
	s := l.s
	n := len(s)
	if j < n && (s[j] == '-' || s[j] == '+' || s[j] == ' ') {
		j++
	}
	if j < n && s[j] == '#' {
		j++
	}
	if j < n && s[j] == '0' {
		j++
	}
	for l.isDigit(j) {
		j++
	}
	if j < n && s[j] == ',' {
		j++
	}
	if j < n && s[j] == '.' && l.isDigit(j+1) {
		j += 2
		for l.isDigit(j) {
			j++
		}
	}
	if j < n && strings.IndexByte("EFGXbcdefgnosx%", s[j]) >= 0 {
		j++
	}
	return j
}

// --- f-string expressions ---

// fexpr is expr-inside-fstring: [{([] (push the inner state), then
// (=\s*)?(\![sraf])?\} and (=\s*)?(\![sraf])?: (pop), \s+, expr. The two
// popping rules share their prefix, which is exact when greedy: without the
// = or the !x the next character is that = or !, neither } nor :.
func (l *pyLexer) fexpr() bool {
	s, p := l.s, l.pos
	c := s[p]
	if c >= utf8.RuneSelf {
		l.bail()
	}
	if c == '{' || c == '(' || c == '[' {
		l.emit(chroma.Punctuation, p+1)
		l.push(pyState{kind: pyFExprInner})
		return true
	}
	i := p
	if c == '=' {
		i = l.spaceRun(p + 1)
	}
	if i+1 < len(s) && s[i] == '!' && strings.IndexByte("sraf", s[i+1]) >= 0 {
		i += 2
	}
	if i < len(s) && (s[i] == '}' || s[i] == ':') {
		l.emit(chroma.LiteralStringInterpol, i+1)
		l.pop()
		return true
	}
	if l.isSpace(p) {
		l.emit(chroma.Text, l.spaceRun(p))
		return true
	}
	return l.expr()
}

// fexprInner is expr-inside-fstring-inner: [{([] (push), [])}] (pop), \s+,
// expr.
func (l *pyLexer) fexprInner() bool {
	s, p := l.s, l.pos
	c := s[p]
	if c >= utf8.RuneSelf {
		l.bail()
	}
	switch c {
	case '{', '(', '[':
		l.emit(chroma.Punctuation, p+1)
		l.push(pyState{kind: pyFExprInner})
		return true
	case ']', ')', '}':
		l.emit(chroma.Punctuation, p+1)
		l.pop()
		return true
	}
	if l.isSpace(p) {
		l.emit(chroma.Text, l.spaceRun(p))
		return true
	}
	return l.expr()
}

// --- after def, class, from, import ---

// funcname: magicfuncs (no pop), a name (pop), else pop.
func (l *pyLexer) funcname() bool {
	p := l.pos
	if l.s[p] >= utf8.RuneSelf {
		l.bail()
	}
	if l.isLetter(p) {
		end := l.nameEnd(p)
		if _, ok := pyMagicFuncs[l.s[p:end]]; ok {
			l.emit(chroma.NameFunctionMagic, end)
			return true
		}
		l.emit(chroma.NameFunction, end)
	}
	l.pop()
	return true
}

// classname: a name (pop); nothing else matches.
func (l *pyLexer) classname() bool {
	p := l.pos
	if l.s[p] >= utf8.RuneSelf {
		l.bail()
	}
	if !l.isLetter(p) {
		return false
	}
	l.emit(chroma.NameClass, l.nameEnd(p))
	l.pop()
	return true
}

// fromImport: (\s+)(import)\b (pop), \., None\b (pop), a name, else pop.
func (l *pyLexer) fromImport() bool {
	s, p := l.s, l.pos
	c := s[p]
	if c >= utf8.RuneSelf {
		l.bail()
	}
	if l.isSpace(p) {
		j := l.spaceRun(p)
		if strings.HasPrefix(s[j:], "import") && l.boundary(j+6) {
			l.emit(chroma.Text, j)
			l.emit(chroma.KeywordNamespace, j+6)
			l.pop()
			return true
		}
	}
	if c == '.' {
		l.emit(chroma.NameNamespace, p+1)
		return true
	}
	if l.isLetter(p) {
		end := l.nameEnd(p)
		if s[p:end] == "None" {
			l.emit(chroma.NameBuiltinPseudo, end)
			l.pop()
		} else {
			l.emit(chroma.NameNamespace, end)
		}
		return true
	}
	l.pop()
	return true
}

// importState: (\s+)(as)(\s+), \., a name, (\s*)(,)(\s*), else pop.
func (l *pyLexer) importState() bool {
	s, p := l.s, l.pos
	c := s[p]
	if c >= utf8.RuneSelf {
		l.bail()
	}
	if l.isSpace(p) {
		j := l.spaceRun(p)
		if strings.HasPrefix(s[j:], "as") && l.isSpace(j+2) {
			l.emit(chroma.Text, j)
			l.emit(chroma.Keyword, j+2)
			l.emit(chroma.Text, l.spaceRun(j+2))
			return true
		}
	}
	if c == '.' {
		l.emit(chroma.NameNamespace, p+1)
		return true
	}
	if l.isLetter(p) {
		l.emit(chroma.NameNamespace, l.nameEnd(p))
		return true
	}
	if j := l.spaceRun(p); j < len(s) && s[j] == ',' {
		l.emit(chroma.Text, j)
		l.emit(chroma.Operator, j+1)
		l.emit(chroma.Text, l.spaceRun(j+1))
		return true
	}
	l.pop()
	return true
}

// --- word tables ---

type pyWord struct {
	t           chroma.TokenType
	notAfterDot bool             // the rule has (?<!\.)
	afterDot    chroma.TokenType // the type when it follows a "."
}

var (
	// pyRootWords: root's keywords state (one-word keywords and constants).
	pyRootWords = map[string]chroma.TokenType{}
	// pyExprWords: expr's rules for a name, first match wins: operator
	// words, expr-keywords, builtins, magicfuncs, magicvars; else Name.
	pyExprWords  = map[string]pyWord{}
	pyMagicFuncs = map[string]bool{}
)

// wordShapes has bit n of entry c set when some word of the tables above
// (or def, class, from, import) has length n and starts with c.
var wordShapes [128]uint32

// mayBeWord is a quick test that rules out most names: false means w is in
// none of the word tables.
func mayBeWord(w string) bool {
	return len(w) < 32 && wordShapes[w[0]&127]&(1<<len(w)) != 0
}

func init() {
	for _, list := range [][]string{rootKeywords, keywordConstants, exprKeywords, builtins, builtinsPseudo,
		exceptions, magicFuncs, magicVars, {"in", "is", "and", "or", "not", "def", "class", "from", "import"}} {
		for _, w := range list {
			w, _, _ = strings.Cut(w, " ") // "yield from", "async for"
			if len(w) >= 32 || w[0] >= 128 {
				panic("highlight: word table entry " + w)
			}
			wordShapes[w[0]] |= 1 << len(w)
		}
	}
	for _, w := range rootKeywords {
		if !strings.Contains(w, " ") {
			pyRootWords[w] = chroma.Keyword
		}
	}
	for _, w := range keywordConstants {
		if _, ok := pyRootWords[w]; !ok {
			pyRootWords[w] = chroma.KeywordConstant
		}
	}
	// after lists what the rules after the (?<!\.) ones make of a word.
	after := map[string]chroma.TokenType{}
	for _, w := range magicVars {
		after[w] = chroma.NameVariableMagic
	}
	for _, w := range magicFuncs {
		after[w] = chroma.NameFunctionMagic
		pyMagicFuncs[w] = true
	}
	add := func(words []string, t chroma.TokenType, guarded bool) {
		for _, w := range words {
			if strings.Contains(w, " ") {
				continue
			}
			if _, ok := pyExprWords[w]; ok {
				continue
			}
			e := pyWord{t: t, notAfterDot: guarded, afterDot: chroma.Name}
			if a, ok := after[w]; ok {
				e.afterDot = a
			}
			pyExprWords[w] = e
		}
	}
	add([]string{"in", "is", "and", "or", "not"}, chroma.OperatorWord, false)
	add(exprKeywords, chroma.Keyword, false)
	add(keywordConstants, chroma.KeywordConstant, false)
	add(builtins, chroma.NameBuiltin, true)
	add(builtinsPseudo, chroma.NameBuiltinPseudo, true)
	add(exceptions, chroma.NameException, true)
	add(magicFuncs, chroma.NameFunctionMagic, false)
	add(magicVars, chroma.NameVariableMagic, false)
}

// Word lists copied from chroma v2.27.0 lexers/embedded/python.xml, in its order.
var (
	rootKeywords = []string{
		"yield from", "nonlocal", "continue", "finally", "except", "lambda", "assert", "global",
		"return", "raise", "yield", "while", "break", "await", "async", "pass", "else", "elif",
		"with", "try", "for", "del", "as", "if", "match", "case",
	}
	keywordConstants = []string{
		"False", "True", "None",
	}
	exprKeywords = []string{
		"yield from", "async for", "lambda", "yield", "await", "else", "for", "if",
	}
	builtins = []string{
		"staticmethod", "classmethod", "memoryview", "__import__", "issubclass", "isinstance",
		"frozenset", "bytearray", "enumerate", "reversed", "property", "compile", "complex",
		"delattr", "hasattr", "setattr", "globals", "getattr", "divmod", "filter", "locals",
		"format", "object", "sorted", "slice", "print", "bytes", "range", "input", "tuple",
		"round", "super", "float", "eval", "list", "dict", "repr", "type", "vars", "hash",
		"next", "bool", "open", "iter", "oct", "pow", "min", "zip", "max", "map", "bin", "len",
		"set", "any", "dir", "all", "abs", "str", "sum", "chr", "int", "hex", "ord", "id",
	}
	builtinsPseudo = []string{
		"self", "Ellipsis", "NotImplemented", "cls",
	}
	exceptions = []string{
		"PendingDeprecationWarning", "ConnectionAbortedError", "ConnectionRefusedError",
		"UnicodeTranslateError", "ConnectionResetError", "ModuleNotFoundError",
		"NotImplementedError", "FloatingPointError", "StopAsyncIteration", "UnicodeDecodeError",
		"DeprecationWarning", "UnicodeEncodeError", "NotADirectoryError", "ProcessLookupError",
		"ZeroDivisionError", "IsADirectoryError", "FileNotFoundError", "UnboundLocalError",
		"KeyboardInterrupt", "ChildProcessError", "EnvironmentError", "IndentationError",
		"InterruptedError", "BlockingIOError", "ArithmeticError", "ConnectionError",
		"BrokenPipeError", "FileExistsError", "ResourceWarning", "PermissionError",
		"RuntimeWarning", "ReferenceError", "AttributeError", "AssertionError",
		"UnicodeWarning", "RecursionError", "StopIteration", "BaseException", "OverflowError",
		"SyntaxWarning", "FutureWarning", "GeneratorExit", "ImportWarning", "UnicodeError",
		"TimeoutError", "WindowsError", "RuntimeError", "BytesWarning", "SystemError",
		"UserWarning", "MemoryError", "ImportError", "LookupError", "BufferError",
		"SyntaxError", "SystemExit", "ValueError", "IndexError", "NameError", "Exception",
		"TypeError", "TabError", "EOFError", "KeyError", "VMSError", "Warning", "OSError",
		"IOError",
	}
	magicFuncs = []string{
		"__instancecheck__", "__subclasscheck__", "__getattribute__", "__length_hint__",
		"__rfloordiv__", "__ifloordiv__", "__itruediv__", "__contains__", "__floordiv__",
		"__rtruediv__", "__reversed__", "__setitem__", "__complex__", "__rdivmod__",
		"__delattr__", "__rmatmul__", "__ilshift__", "__prepare__", "__delitem__",
		"__rrshift__", "__imatmul__", "__rlshift__", "__setattr__", "__truediv__",
		"__getitem__", "__missing__", "__getattr__", "__irshift__", "__rshift__", "__format__",
		"__invert__", "__matmul__", "__divmod__", "__delete__", "__aenter__", "__lshift__",
		"__await__", "__bytes__", "__anext__", "__aiter__", "__aexit__", "__round__",
		"__float__", "__enter__", "__index__", "__iadd__", "__ipow__", "__rpow__", "__iter__",
		"__init__", "__ixor__", "__rmul__", "__rmod__", "__imul__", "__imod__", "__iand__",
		"__hash__", "__rsub__", "__exit__", "__rxor__", "__bool__", "__call__", "__rand__",
		"__next__", "__radd__", "__isub__", "__repr__", "__set__", "__add__", "__new__",
		"__neg__", "__xor__", "__and__", "__mul__", "__mod__", "__sub__", "__len__", "__str__",
		"__ror__", "__ior__", "__pos__", "__del__", "__get__", "__dir__", "__abs__", "__int__",
		"__pow__", "__eq__", "__gt__", "__le__", "__lt__", "__ne__", "__or__", "__ge__",
	}
	magicVars = []string{
		"__annotations__", "__kwdefaults__", "__qualname__", "__objclass__", "__defaults__",
		"__closure__", "__globals__", "__weakref__", "__module__", "__class__", "__bases__",
		"__slots__", "__file__", "__code__", "__name__", "__func__", "__dict__", "__self__",
		"__mro__", "__doc__",
	}
)
