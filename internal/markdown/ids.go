package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// ids generates GitHub-style heading IDs, unique within one page: lowercase,
// letters, digits, "-" and "_" kept, spaces turned into "-", everything else
// dropped; a repeat gets "-1", "-2", ….
type ids struct{ used map[string]bool }

func newIDs() *ids { return &ids{used: map[string]bool{}} }

// Slug returns the GitHub-style anchor of a heading text (without the
// uniqueness suffix).
func Slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case r == ' ' || r == '\t':
			b.WriteByte('-')
		}
	}
	return b.String()
}

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slug(stripMarkup(string(value)))
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }

// stripMarkup removes the characters of inline markup that GitHub drops
// from anchors (emphasis, code, math delimiters, link brackets).
func stripMarkup(s string) string {
	return strings.NewReplacer("`", "", "*", "", "$", "", "[", "", "]", "", "\\", "").Replace(s)
}
