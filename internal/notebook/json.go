package notebook

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// value is a JSON value with the byte offsets it spans in the file, so that
// every problem found later can name its line and column.
type value struct {
	kind  byte // 'o' object, 'a' array, 's' string, 'n' number, 'b' bool, 'z' null
	start int  // offset of the first byte
	end   int  // offset after the last byte
	str   string
	num   float64
	bool  bool
	keys  []string
	vals  []*value // object values (keys[i] → vals[i]) or array items
}

// get returns the value of key in an object, or nil.
func (v *value) get(key string) *value {
	if v == nil || v.kind != 'o' {
		return nil
	}
	for i, k := range v.keys {
		if k == key {
			return v.vals[i]
		}
	}
	return nil
}

func kindName(k byte) string {
	switch k {
	case 'o':
		return "an object"
	case 'a':
		return "a list"
	case 's':
		return "a string"
	case 'n':
		return "a number"
	case 'b':
		return "true or false"
	}
	return "null"
}

// syntaxError is invalid JSON at a byte offset.
type syntaxError struct {
	off int
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

// maxDepth bounds nesting, so that a hostile file cannot exhaust the stack.
const maxDepth = 500

type jsonParser struct {
	src   []byte
	pos   int
	depth int
}

// parseJSON parses src as one JSON value. It never panics on bad input.
func parseJSON(src []byte) (*value, error) {
	p := &jsonParser{src: src}
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		p.pos = 3 // a byte-order mark, as some editors write
	}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(src) {
		return nil, p.fail("unexpected %s after the notebook's closing }", p.what())
	}
	return v, nil
}

func (p *jsonParser) fail(format string, args ...any) error {
	return &syntaxError{off: p.pos, msg: fmt.Sprintf(format, args...)}
}

// what describes the byte at the current position for a message.
func (p *jsonParser) what() string {
	if p.pos >= len(p.src) {
		return "end of file"
	}
	r, _ := utf8.DecodeRune(p.src[p.pos:])
	return strconv.QuoteRune(r)
}

func (p *jsonParser) space() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jsonParser) value() (*value, error) {
	p.space()
	if p.pos >= len(p.src) {
		return nil, p.fail("unexpected end of file: the notebook is cut short")
	}
	start := p.pos
	switch c := p.src[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		s, err := p.string()
		if err != nil {
			return nil, err
		}
		return &value{kind: 's', start: start, end: p.pos, str: s}, nil
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	}
	for _, lit := range []struct {
		word string
		v    value
	}{{"true", value{kind: 'b', bool: true}}, {"false", value{kind: 'b'}}, {"null", value{kind: 'z'}}} {
		if len(p.src)-p.pos >= len(lit.word) && string(p.src[p.pos:p.pos+len(lit.word)]) == lit.word {
			p.pos += len(lit.word)
			v := lit.v
			v.start, v.end = start, p.pos
			return &v, nil
		}
	}
	return nil, p.fail("unexpected %s where a value should be", p.what())
}

func (p *jsonParser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return p.fail("nested more than %d levels deep", maxDepth)
	}
	return nil
}

func (p *jsonParser) object() (*value, error) {
	v := &value{kind: 'o', start: p.pos}
	if err := p.enter(); err != nil {
		return nil, err
	}
	p.pos++ // {
	p.space()
	if p.pos < len(p.src) && p.src[p.pos] == '}' {
		p.pos++
		v.end = p.pos
		p.depth--
		return v, nil
	}
	for {
		p.space()
		if p.pos >= len(p.src) || p.src[p.pos] != '"' {
			if p.pos < len(p.src) && p.src[p.pos] == '}' {
				return nil, p.fail("a comma before } (JSON allows no trailing comma)")
			}
			return nil, p.fail("unexpected %s where a key in double quotes should be", p.what())
		}
		k, err := p.string()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.pos >= len(p.src) || p.src[p.pos] != ':' {
			return nil, p.fail("unexpected %s where : should follow the key %q", p.what(), k)
		}
		p.pos++
		item, err := p.value()
		if err != nil {
			return nil, err
		}
		v.keys = append(v.keys, k)
		v.vals = append(v.vals, item)
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.src) && p.src[p.pos] == '}' {
			p.pos++
			v.end = p.pos
			p.depth--
			return v, nil
		}
		return nil, p.fail("unexpected %s where , or } should be", p.what())
	}
}

func (p *jsonParser) array() (*value, error) {
	v := &value{kind: 'a', start: p.pos}
	if err := p.enter(); err != nil {
		return nil, err
	}
	p.pos++ // [
	p.space()
	if p.pos < len(p.src) && p.src[p.pos] == ']' {
		p.pos++
		v.end = p.pos
		p.depth--
		return v, nil
	}
	for {
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == ']' {
			return nil, p.fail("a comma before ] (JSON allows no trailing comma)")
		}
		item, err := p.value()
		if err != nil {
			return nil, err
		}
		v.vals = append(v.vals, item)
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.src) && p.src[p.pos] == ']' {
			p.pos++
			v.end = p.pos
			p.depth--
			return v, nil
		}
		return nil, p.fail("unexpected %s where , or ] should be", p.what())
	}
}

func (p *jsonParser) number() (*value, error) {
	start := p.pos
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
			p.pos++
			continue
		}
		break
	}
	f, err := strconv.ParseFloat(string(p.src[start:p.pos]), 64)
	if err != nil {
		p.pos = start
		return nil, p.fail("%q is not a number", p.src[start:p.pos])
	}
	return &value{kind: 'n', start: start, end: p.pos, num: f}, nil
}

// string reads a JSON string at p.pos (on its opening quote).
func (p *jsonParser) string() (string, error) {
	p.pos++ // "
	start := p.pos
	// Fast path: up to the next quote, no escape and no line break
	// (searched for with IndexByte: images make notebooks megabytes of
	// string).
	if end := bytes.IndexByte(p.src[start:], '"'); end >= 0 {
		span := p.src[start : start+end]
		if bytes.IndexByte(span, '\\') < 0 && bytes.IndexByte(span, '\n') < 0 && utf8.Valid(span) {
			p.pos = start + end + 1
			if len(span) == 0 {
				return "", nil
			}
			// The file is never changed once parsed (see Parse): its
			// strings share its bytes instead of copying megabytes.
			return unsafe.String(&span[0], len(span)), nil
		}
	}
	buf := make([]byte, 0, 64)
	for {
		if p.pos >= len(p.src) {
			return "", &syntaxError{off: start - 1, msg: "string not closed: a \" is missing"}
		}
		c := p.src[p.pos]
		switch {
		case c == '"':
			p.pos++
			return string(buf), nil
		case c == '\n':
			return "", p.fail("line break inside a string (write \\n)")
		case c < 0x20:
			return "", p.fail("control character %U inside a string", rune(c))
		case c == '\\':
			r, err := p.escape()
			if err != nil {
				return "", err
			}
			buf = utf8.AppendRune(buf, r)
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			p.pos++
		default:
			r, n := utf8.DecodeRune(p.src[p.pos:])
			if r == utf8.RuneError && n <= 1 {
				return "", p.fail("the notebook is not valid UTF-8")
			}
			buf = append(buf, p.src[p.pos:p.pos+n]...)
			p.pos += n
		}
	}
}

var simpleEscapes = map[byte]rune{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// escape reads one escape sequence at p.pos (on the backslash).
func (p *jsonParser) escape() (rune, error) {
	if p.pos+1 >= len(p.src) {
		return 0, p.fail("string not closed")
	}
	c := p.src[p.pos+1]
	if r, ok := simpleEscapes[c]; ok {
		p.pos += 2
		return r, nil
	}
	if c != 'u' {
		return 0, p.fail("unknown escape \\%c in a string", c)
	}
	r, ok := p.hex4(p.pos + 2)
	if !ok {
		return 0, p.fail("\\u needs four hex digits")
	}
	p.pos += 6
	if utf16.IsSurrogate(r) {
		if p.pos+1 < len(p.src) && p.src[p.pos] == '\\' && p.src[p.pos+1] == 'u' {
			if r2, ok := p.hex4(p.pos + 2); ok {
				if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
					p.pos += 6
					return d, nil
				}
			}
		}
		return utf8.RuneError, nil
	}
	return r, nil
}

func (p *jsonParser) hex4(at int) (rune, bool) {
	if at+4 > len(p.src) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(p.src[at:at+4]), 16, 32)
	return rune(n), err == nil
}

// decodedToRaw returns the offset in the file of the byte at decoded offset
// i of the string value v (which must be a string): escapes make the two
// differ.
func decodedToRaw(src []byte, v *value, i int) int {
	p := &jsonParser{src: src, pos: v.start + 1}
	n := 0
	for p.pos < v.end-1 && n < i {
		if src[p.pos] == '\\' {
			r, err := p.escape()
			if err != nil {
				break
			}
			n += utf8.RuneLen(r)
			continue
		}
		p.pos++
		n++
	}
	return p.pos
}
