package mdbook

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/mlcourse/course/internal/diag"
)

// chapterKind says where in SUMMARY.md a chapter stands.
type chapterKind int

const (
	prefixChapter chapterKind = iota
	numberedChapter
	suffixChapter
)

// chapter is one entry of SUMMARY.md.
type chapter struct {
	Title string
	Path  string // slash path relative to the book's src folder; "" for a draft
	Depth int    // 0 for a top-level numbered chapter
	Kind  chapterKind
	Part  int // index into summary.Parts; -1 when the chapter is before any part title
	Line  int // in SUMMARY.md
}

// summary is SUMMARY.md parsed.
type summary struct {
	Parts    []string // part titles ("# Part") in order
	Chapters []*chapter
}

var (
	listItemRe  = regexp.MustCompile(`^(\s*)[-*+]\s+(.*)$`)
	headingRe   = regexp.MustCompile(`^#{1,6}\s+(.*?)\s*#*\s*$`)
	separatorRe = regexp.MustCompile(`^\s{0,3}([-*_])(\s*[-*_]){2,}\s*$`)
)

// parseSummary reads SUMMARY.md as mdBook does: an optional title, prefix
// chapters (links on their own lines), numbered chapters (list items,
// nested by indentation) grouped under optional part titles ("# Part"),
// then suffix chapters; "---" separators; draft chapters link to nothing
// ("[Title]()"). file names the file in problems.
func parseSummary(src, file string, dl *diag.List) *summary {
	s := &summary{}
	seenTitle, seenNumbered, seenSuffix := false, false, false
	part := -1
	var indents []int // indentation of the open list levels
	lines := strings.Split(normalize([]byte(src)), "\n")
	inComment := false
	for i, line := range lines {
		ln := i + 1
		trimmed := strings.TrimSpace(line)
		if inComment {
			if strings.Contains(trimmed, "-->") {
				inComment = false
			}
			continue
		}
		if strings.HasPrefix(trimmed, "<!--") {
			inComment = !strings.Contains(trimmed, "-->")
			continue
		}
		if trimmed == "" {
			continue
		}
		if separatorRe.MatchString(line) {
			continue
		}
		if m := headingRe.FindStringSubmatch(trimmed); m != nil && !strings.HasPrefix(line, " ") {
			if !seenTitle && len(s.Chapters) == 0 && len(s.Parts) == 0 {
				seenTitle = true // the summary's own title ("# Summary")
				continue
			}
			if seenSuffix {
				dl.Errorf(file, ln, 1, "part title %q after a suffix chapter (mdBook allows none there)", m[1])
				continue
			}
			s.Parts = append(s.Parts, inlineText(m[1]))
			part = len(s.Parts) - 1
			seenNumbered = true
			indents = indents[:0]
			continue
		}
		seenTitle = true
		if m := listItemRe.FindStringSubmatch(line); m != nil {
			if seenSuffix {
				dl.Add(diag.Diagnostic{File: file, Line: ln, Col: 1, Msg: "numbered chapter after a suffix chapter",
					Hint: "suffix chapters (plain links) come after every list item; make it a list item above them, or a plain link"})
				continue
			}
			indent := len(strings.ReplaceAll(m[1], "\t", "    "))
			for len(indents) > 0 && indents[len(indents)-1] >= indent {
				indents = indents[:len(indents)-1]
			}
			depth := len(indents)
			indents = append(indents, indent)
			title, target, ok := parseLink(m[2])
			if !ok {
				dl.Add(diag.Diagnostic{File: file, Line: ln, Col: len(m[1]) + 3,
					Msg:  fmt.Sprintf("list item %q is not a link to a chapter", m[2]),
					Hint: "write - [Title](file.md), or - [Title]() for a draft chapter"})
				continue
			}
			seenNumbered = true
			s.Chapters = append(s.Chapters, &chapter{Title: title, Path: target, Depth: depth, Kind: numberedChapter, Part: part, Line: ln})
			continue
		}
		title, target, ok := parseLink(trimmed)
		if !ok {
			dl.Add(diag.Diagnostic{File: file, Line: ln, Col: len(line) - len(strings.TrimLeft(line, " \t")) + 1,
				Msg:  fmt.Sprintf("%q is neither a chapter link, a list item nor a part title", trimmed),
				Hint: "SUMMARY.md holds [Title](file.md) lines, - [Title](file.md) list items, # Part titles and --- separators"})
			continue
		}
		kind := prefixChapter
		if seenNumbered {
			kind, seenSuffix = suffixChapter, true
		}
		s.Chapters = append(s.Chapters, &chapter{Title: title, Path: target, Kind: kind, Part: part, Line: ln})
	}
	if len(s.Chapters) == 0 && !dl.HasErrors() {
		dl.Add(diag.Diagnostic{File: file, Line: 1, Msg: "SUMMARY.md lists no chapter",
			Hint: "list the chapters as - [Title](file.md), one a line"})
	}
	seen := map[string]int{}
	for _, c := range s.Chapters {
		if c.Path == "" {
			continue
		}
		if prev, dup := seen[c.Path]; dup {
			dl.Add(diag.Diagnostic{File: file, Line: c.Line, Col: 1, Msg: fmt.Sprintf("%s is listed twice (also at line %d)", c.Path, prev),
				Hint: "a file can be one chapter only; remove one of the entries"})
		}
		seen[c.Path] = c.Line
	}
	return s
}

// parseLink parses "[title](target)" at the start of s: the title's text
// and the target's path (url-decoded, without a leading "./").
func parseLink(s string) (title, target string, ok bool) {
	if !strings.HasPrefix(s, "[") {
		return "", "", false
	}
	depth, end := 0, -1
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				end = i
			}
		}
		if end >= 0 {
			break
		}
	}
	if end < 0 || end+1 >= len(s) || s[end+1] != '(' {
		return "", "", false
	}
	closing := -1
	for i, depth := end+2, 1; i < len(s) && closing < 0; i++ {
		switch s[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				closing = i
			}
		}
	}
	if closing < 0 {
		return "", "", false
	}
	// Text after the link ("- [FFI]() (?)") is ignored, as mdBook does.
	title = inlineText(s[1:end])
	dest := strings.TrimSpace(s[end+2 : closing])
	if strings.HasPrefix(dest, "<") && strings.HasSuffix(dest, ">") {
		dest = dest[1 : len(dest)-1]
	} else if i := strings.IndexAny(dest, " \t"); i >= 0 {
		dest = dest[:i] // a link title ("…") follows
	}
	if d, err := url.PathUnescape(dest); err == nil {
		dest = d
	}
	dest = strings.TrimPrefix(dest, "./")
	return title, dest, title != ""
}

// inlineText is the text of inline markdown as a title shows it: escapes,
// code spans and emphasis markers removed.
func inlineText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case c == '`' || c == '*':
			// markup, not text
		case c == '_' && (i == 0 || i+1 == len(s) || s[i-1] == ' ' || s[i+1] == ' '):
			// emphasis with underscores at a word's edge
		default:
			b.WriteByte(c)
		}
	}
	return strings.TrimSpace(b.String())
}
