// Package diag collects problems found in an author's files and prints them
// once, as `file:line:col: message`, followed by a hint on how to fix them.
//
// Every stage of the pipeline reports into one *List; the build fails once,
// after all stages have run, if the list holds any error. Positions are
// 1-based; a zero line or column means "unknown" and is left out when
// printing. File names are slash-separated and relative to the project root.
package diag

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Severity says whether a diagnostic fails the build.
type Severity int

const (
	Error Severity = iota
	Warning
)

// Diagnostic is one problem in one place.
type Diagnostic struct {
	File     string
	Line     int
	Col      int
	Severity Severity
	Msg      string // what is wrong
	Hint     string // how to fix it; may be empty
}

// Pos returns "file:line:col" (or shorter, when line or col are unknown).
func (d Diagnostic) Pos() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	return b.String()
}

// String formats the diagnostic on one line, with the hint after a dash.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Pos())
	if d.Severity == Warning {
		b.WriteString(": warning: ")
	} else {
		b.WriteString(": ")
	}
	b.WriteString(d.Msg)
	if d.Hint != "" {
		b.WriteString(" (")
		b.WriteString(d.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// Error implements error so that a single Diagnostic can travel as one.
func (d Diagnostic) Error() string { return d.String() }

// List is a concurrency-safe collection of diagnostics.
// The zero value is ready to use.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add records a diagnostic.
func (l *List) Add(d Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
}

// Errorf records an error at file:line:col.
func (l *List) Errorf(file string, line, col int, format string, args ...any) {
	l.Add(Diagnostic{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// Merge appends every diagnostic of other.
func (l *List) Merge(other *List) {
	if other == nil {
		return
	}
	for _, d := range other.Items() {
		l.Add(d)
	}
}

// Items returns the diagnostics sorted by file, line, column and message,
// without duplicates, so that output is deterministic whatever the order in
// which parallel stages reported them.
func (l *List) Items() []Diagnostic {
	l.mu.Lock()
	out := append([]Diagnostic(nil), l.items...)
	l.mu.Unlock()
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Msg < b.Msg
	})
	dedup := out[:0]
	for i, d := range out {
		if i > 0 && d == out[i-1] {
			continue
		}
		dedup = append(dedup, d)
	}
	return dedup
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.items {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Len returns the number of diagnostics recorded.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}

// String formats every diagnostic, one a line, followed by a count.
func (l *List) String() string {
	items := l.Items()
	var b strings.Builder
	errs := 0
	for _, d := range items {
		b.WriteString(d.String())
		b.WriteByte('\n')
		if d.Severity == Error {
			errs++
		}
	}
	if errs > 0 {
		fmt.Fprintf(&b, "%d error(s)\n", errs)
	}
	return b.String()
}

// Error wraps the list as an error when it holds errors, else returns nil.
func (l *List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return &ListError{List: l}
}

// ListError is the error returned by a build that found problems.
type ListError struct{ List *List }

func (e *ListError) Error() string { return strings.TrimRight(e.List.String(), "\n") }

// LineCol converts a byte offset in src to a 1-based line and column
// (column counted in runes, as editors do).
func LineCol(src []byte, offset int) (line, col int) {
	if offset > len(src) {
		offset = len(src)
	}
	if offset < 0 {
		offset = 0
	}
	line = 1
	lineStart := 0
	for i := 0; i < offset; i++ {
		if src[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	col = 1 + len([]rune(string(src[lineStart:offset])))
	return line, col
}

// SourceLine returns line n (1-based) of src without its newline.
func SourceLine(src []byte, n int) string {
	if n < 1 {
		return ""
	}
	lines := strings.SplitN(string(src), "\n", n+1)
	if len(lines) < n {
		return ""
	}
	return strings.TrimRight(lines[n-1], "\r")
}

// Levenshtein returns the edit distance between a and b, in runes.
func Levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Nearest returns the candidate closest to word by edit distance, when it
// is closer than maxDist; ties go to the first candidate in sorted order.
// It returns "" when nothing is close: a far-fetched "did you mean" hurts
// more than none.
func Nearest(word string, candidates []string, maxDist int) string {
	best, bestD := "", maxDist
	for _, c := range candidates {
		if d := Levenshtein(word, c); d < bestD || d == bestD && best != "" && c < best {
			best, bestD = c, d
		}
	}
	return best
}
