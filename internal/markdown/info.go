package markdown

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Info is a parsed fence info string or directive line:
//
//	info   = word* [ "{" attr* "}" ]
//	attr   = key [ "=" value ]
//	value  = bare | quoted
//	bare   = one or more characters other than space, quote, "{" and "}"
//	quoted = a double-quoted string; \" and \\ are escapes
//
// Words and attributes are separated by spaces. A key without a value is a
// flag (true). Examples:
//
//	python {title="loss.py" hl=2-3 linenos run requires=numpy}
//	exercise loss-functions/mse
//	tab NumPy
type Info struct {
	Words []Word
	Attrs []Attr
}

// Word is a positional word and its byte offset in the info string.
type Word struct {
	Text   string
	Offset int
}

// Attr is one key=value pair and its byte offset in the info string.
type Attr struct {
	Key      string
	Value    string
	HasValue bool
	Offset   int
}

// InfoError is a syntax error at a byte offset of the info string.
type InfoError struct {
	Offset int
	Msg    string
}

func (e *InfoError) Error() string { return e.Msg }

// ParseInfo parses an info string.
func ParseInfo(s string) (Info, error) {
	var info Info
	i := 0
	skip := func() {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
	}
	for {
		skip()
		if i >= len(s) {
			return info, nil
		}
		if s[i] == '{' {
			break
		}
		if s[i] == '}' || s[i] == '"' {
			return info, &InfoError{i, fmt.Sprintf("unexpected %q", s[i])}
		}
		start := i
		for i < len(s) && s[i] != ' ' && s[i] != '\t' && s[i] != '{' {
			if s[i] == '"' || s[i] == '}' {
				return info, &InfoError{i, fmt.Sprintf("unexpected %q in %q", s[i], s[start:i+1])}
			}
			i++
		}
		info.Words = append(info.Words, Word{s[start:i], start})
	}
	open := i
	i++ // {
	for {
		skip()
		if i >= len(s) {
			return info, &InfoError{open, "attribute list is not closed with }"}
		}
		if s[i] == '}' {
			i++
			skip()
			if i < len(s) {
				return info, &InfoError{i, fmt.Sprintf("unexpected text %q after }", s[i:])}
			}
			return info, nil
		}
		start := i
		for i < len(s) && isKeyChar(s[i]) {
			i++
		}
		if i == start {
			return info, &InfoError{i, fmt.Sprintf("expected an attribute name, found %q", s[i])}
		}
		a := Attr{Key: s[start:i], Offset: start}
		if i < len(s) && s[i] == '=' {
			i++
			a.HasValue = true
			if i < len(s) && s[i] == '"' {
				q := i
				i++
				var b strings.Builder
				closed := false
				for i < len(s) {
					c := s[i]
					if c == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\') {
						b.WriteByte(s[i+1])
						i += 2
						continue
					}
					if c == '"' {
						closed = true
						i++
						break
					}
					b.WriteByte(c)
					i++
				}
				if !closed {
					return info, &InfoError{q, "quoted value is not closed with \""}
				}
				a.Value = b.String()
			} else {
				vs := i
				for i < len(s) && s[i] != ' ' && s[i] != '\t' && s[i] != '}' && s[i] != '"' && s[i] != '{' {
					i++
				}
				if i == vs {
					return info, &InfoError{vs, fmt.Sprintf("attribute %s= has no value", a.Key)}
				}
				a.Value = s[vs:i]
			}
		}
		if i < len(s) && s[i] != ' ' && s[i] != '\t' && s[i] != '}' {
			return info, &InfoError{i, fmt.Sprintf("unexpected %q after attribute %s", s[i], a.Key)}
		}
		info.Attrs = append(info.Attrs, a)
	}
}

func isKeyChar(c byte) bool {
	return c == '-' || c == '_' || c < 128 && (unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c)))
}

// Attr returns the attribute named key.
func (in Info) Attr(key string) (Attr, bool) {
	for _, a := range in.Attrs {
		if a.Key == key {
			return a, true
		}
	}
	return Attr{}, false
}

// ParseRanges parses "2-3,5" into inclusive 1-based ranges.
func ParseRanges(s string) ([][2]int, error) {
	var out [][2]int
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			return nil, fmt.Errorf("empty range in %q", s)
		}
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(lo)
		if err != nil || a < 1 {
			return nil, fmt.Errorf("%q is not a line number", lo)
		}
		b := a
		if isRange {
			b, err = strconv.Atoi(hi)
			if err != nil || b < a {
				return nil, fmt.Errorf("%q is not a range of lines", part)
			}
		}
		out = append(out, [2]int{a, b})
	}
	return out, nil
}
