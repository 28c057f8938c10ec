package mdbook

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/mlcourse/course/internal/diag"
)

// maxIncludeDepth is how deep includes may nest, as in mdBook.
const maxIncludeDepth = 10

var (
	// includeRe matches an escaped directive (\{{#…}}) or a directive
	// {{#type args}}, as mdBook's link preprocessor does.
	includeRe   = regexp.MustCompile(`\\\{\{#[^\n]*?\}\}|\{\{\s*#([a-zA-Z0-9_]+)\s+([^}]+)\}\}`)
	anchorStart = regexp.MustCompile(`ANCHOR:\s*([\w_-]+)`)
	anchorEnd   = regexp.MustCompile(`ANCHOR_END:\s*([\w_-]+)`)
)

// expander expands mdBook's {{#include}}, {{#rustdoc_include}} and
// {{#playground}} directives.
type expander struct {
	root  string // the book's folder, for names in problems
	dl    *diag.List
	notes *[]string
}

// expand returns text (the contents of file) with its directives expanded,
// recursively, paths relative to file's folder.
func (e *expander) expand(text, file string, depth int) string {
	matches := includeRe.FindAllStringSubmatchIndex(text, -1)
	if len(matches) == 0 {
		return text
	}
	var b strings.Builder
	last := 0
	for _, m := range matches {
		b.WriteString(text[last:m[0]])
		last = m[1]
		whole := text[m[0]:m[1]]
		if strings.HasPrefix(whole, `\`) {
			b.WriteString(whole[1:]) // escaped: the directive's own text
			continue
		}
		kind, args := text[m[2]:m[3]], strings.TrimSpace(text[m[4]:m[5]])
		line, col := diag.LineCol([]byte(text), m[0])
		pos := diag.Diagnostic{File: e.rel(file), Line: line, Col: col}
		switch kind {
		case "include", "rustdoc_include", "playground", "playpen":
		case "title":
			continue // the page title comes from SUMMARY.md
		default:
			b.WriteString(whole) // mdBook leaves unknown directives alone
			continue
		}
		if depth >= maxIncludeDepth {
			pos.Msg, pos.Hint = fmt.Sprintf("{{#%s}} nested more than %d deep", kind, maxIncludeDepth), "an included file probably includes itself"
			e.dl.Add(pos)
			continue
		}
		fields := strings.Fields(args)
		if len(fields) == 0 || strings.HasPrefix(fields[0], ":") {
			pos.Msg, pos.Hint = fmt.Sprintf("{{#%s}} names no file", kind), fmt.Sprintf("write {{#%s path/to/file.rs}}", kind)
			e.dl.Add(pos)
			continue
		}
		target, rng, _ := strings.Cut(fields[0], ":")
		full := filepath.Join(filepath.Dir(file), filepath.FromSlash(target))
		data, err := os.ReadFile(full)
		if err != nil {
			pos.Msg = fmt.Sprintf("{{#%s %s}}: cannot read %s", kind, fields[0], e.rel(full))
			pos.Hint = "the path is relative to the file that includes it"
			e.dl.Add(pos)
			continue
		}
		s := normalize(data)
		var out string
		switch kind {
		case "include":
			if anchor, ok := anchorName(rng); ok {
				var found bool
				if out, found = takeAnchored(s, anchor); !found {
					*e.notes = append(*e.notes, fmt.Sprintf("%s: anchor %q is not in %s: the include is empty, as in mdBook", pos.Pos(), anchor, e.rel(full)))
				}
			} else {
				start, end := parseRange(rng)
				out = takeLines(s, start, end)
			}
		case "rustdoc_include":
			if anchor, ok := anchorName(rng); ok {
				out = rustdocAnchored(s, anchor)
			} else {
				start, end := parseRange(rng)
				out = rustdocLines(s, start, end)
			}
		default: // playground
			info := "rust"
			if len(fields) > 1 {
				info += "," + strings.Join(fields[1:], ",")
			}
			out = "```" + info + "\n" + strings.TrimSuffix(s, "\n") + "\n```\n"
		}
		b.WriteString(e.expand(out, full, depth+1))
	}
	b.WriteString(text[last:])
	return b.String()
}

func (e *expander) rel(file string) string {
	if r, err := filepath.Rel(e.root, file); err == nil {
		return filepath.ToSlash(r)
	}
	return file
}

// anchorName reports whether the part after "path:" names an anchor rather
// than a line range, as mdBook decides: its first field is neither empty
// nor a number.
func anchorName(rng string) (string, bool) {
	first, _, _ := strings.Cut(rng, ":")
	if first == "" {
		return "", false
	}
	if _, err := strconv.ParseUint(first, 10, 64); err == nil {
		return "", false
	}
	return first, true
}

// parseRange reads mdBook's line ranges: "N" is line N, "N:M" lines N to M,
// "N:" from line N, ":M" or "::M"-style "" start up to line M, "" the whole
// file. It returns a 0-based start and an exclusive end (-1: to the end).
func parseRange(rng string) (start, end int) {
	if rng == "" {
		return 0, -1
	}
	parts := strings.SplitN(rng, ":", 3)
	hasStart := false
	if n, err := strconv.Atoi(parts[0]); err == nil && n >= 0 {
		start, hasStart = max(n-1, 0), true
	}
	if len(parts) == 1 {
		if hasStart {
			return start, start + 1
		}
		return 0, -1
	}
	if n, err := strconv.Atoi(parts[1]); err == nil && n >= 0 {
		return start, n
	}
	return start, -1
}

// normalize reads a text file as mdBook does: a byte-order mark dropped,
// CRLF line ends as LF.
func normalize(data []byte) string {
	return strings.ReplaceAll(strings.TrimPrefix(string(data), "\ufeff"), "\r\n", "\n")
}

// lines splits s as Rust's str::lines does: no empty last line for a
// trailing newline.
func lines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func inRange(i, start, end int) bool { return i >= start && (end < 0 || i < end) }

func takeLines(s string, start, end int) string {
	var out []string
	for i, l := range lines(s) {
		if inRange(i, start, end) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// takeAnchored keeps the lines between "ANCHOR: name" and "ANCHOR_END:
// name", without any line that marks an anchor; found reports whether the
// anchor starts anywhere.
func takeAnchored(s, anchor string) (text string, found bool) {
	var out []string
	for _, l := range lines(s) {
		if found {
			if m := anchorEnd.FindStringSubmatch(l); m != nil {
				if m[1] == anchor {
					break
				}
			} else if !anchorStart.MatchString(l) {
				out = append(out, l)
			}
		} else if m := anchorStart.FindStringSubmatch(l); m != nil && m[1] == anchor {
			found = true
		}
	}
	return strings.Join(out, "\n"), found
}

// rustdocLines keeps the lines in the range as they are and hides the
// others with rustdoc's "# ".
func rustdocLines(s string, start, end int) string {
	var b strings.Builder
	for i, l := range lines(s) {
		if !inRange(i, start, end) {
			b.WriteString("# ")
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// rustdocAnchored keeps the lines inside the anchor and hides the others;
// lines that mark anchors are dropped.
func rustdocAnchored(s, anchor string) string {
	var b strings.Builder
	within := false
	for _, l := range lines(s) {
		switch {
		case within:
			if m := anchorEnd.FindStringSubmatch(l); m != nil {
				if m[1] == anchor {
					within = false
				}
			} else if !anchorStart.MatchString(l) {
				b.WriteString(l + "\n")
			}
		case anchorStart.MatchString(l):
			if anchorStart.FindStringSubmatch(l)[1] == anchor {
				within = true
			}
		case !anchorEnd.MatchString(l):
			b.WriteString("# " + l + "\n")
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}
