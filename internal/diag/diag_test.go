package diag

import (
	"strings"
	"sync"
	"testing"
)

func TestLevenshteinAndNearest(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"abc", "", 3}, {"sumary", "summary", 1}, {"kitten", "sitting", 3}, {"ünï", "uni", 2}} {
		if got := Levenshtein(tt.a, tt.b); got != tt.d {
			t.Errorf("Levenshtein(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.d)
		}
	}
	cands := []string{"minutes", "summary", "title", "weight"}
	for _, tt := range []struct{ word, want string }{
		{"sumary", "summary"}, {"wieght", "weight"}, {"colour", ""}, {"titel", "title"},
	} {
		if got := Nearest(tt.word, cands, 3); got != tt.want {
			t.Errorf("Nearest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestLineCol(t *testing.T) {
	src := []byte("ab\nçd\n\nx")
	for _, tt := range []struct{ off, line, col int }{
		{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {5, 2, 2}, {7, 3, 1}, {8, 4, 1}, {99, 4, 2}, {-1, 1, 1},
	} {
		if l, c := LineCol(src, tt.off); l != tt.line || c != tt.col {
			t.Errorf("LineCol(%d) = %d:%d, want %d:%d", tt.off, l, c, tt.line, tt.col)
		}
	}
	if got := SourceLine([]byte("a\r\nb\n"), 1); got != "a" {
		t.Errorf("SourceLine = %q", got)
	}
}

func TestListSortsDeduplicatesAndCounts(t *testing.T) {
	var l List
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); l.Errorf("b.md", 2, 1, "late") }()
	}
	wg.Wait()
	l.Errorf("a.md", 10, 2, "first")
	l.Add(Diagnostic{File: "a.md", Line: 3, Msg: "warn", Severity: Warning, Hint: "fix it"})
	want := "a.md:3: warning: warn (fix it)\na.md:10:2: first\nb.md:2:1: late\n2 error(s)\n"
	if got := l.String(); got != want {
		t.Errorf("String() =\n%s\nwant\n%s", got, want)
	}
	if !l.HasErrors() || l.Err() == nil || !strings.Contains(l.Err().Error(), "b.md:2:1") {
		t.Error("Err does not carry the errors")
	}
	var empty List
	if empty.Err() != nil || empty.HasErrors() {
		t.Error("an empty list reports errors")
	}
}
