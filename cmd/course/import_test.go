package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// course import mdbook: exit 0 with the links it could not rewrite on
// stderr, 1 for a broken book, 2 for bad usage or a refused folder; the
// imported course then builds.
func TestImportMdBookExitCodes(t *testing.T) {
	book := "../../internal/importer/mdbook/testdata/book"
	dest := filepath.Join(t.TempDir(), "course")
	code, out, errb := runCLI("import", "mdbook", book, dest)
	if code != 0 || !strings.Contains(out, "imported 11 chapters (2 drafts) into 4 modules") ||
		!strings.Contains(out, "3 links could not be rewritten") || strings.Count(errb, "was not rewritten: it leaves the book") != 3 {
		t.Errorf("import: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errb)
	}
	code, _, errb = runCLI("import", "mdbook", book, dest)
	if code != 2 || !strings.Contains(errb, "is not empty; pass --force to replace it") {
		t.Errorf("import into a non-empty folder: exit %d\n%s", code, errb)
	}
	code, out, errb = runCLI("import", "mdbook", book, dest, "--force", "--site-url", "https://example.org/rusty/")
	if code != 0 || !strings.Contains(out, "2 links that leave the book now point under https://example.org/rusty/") {
		t.Errorf("import --force --site-url: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errb)
	}
	if code, out, errb := runCLI("build", "--source", dest, "--out", filepath.Join(t.TempDir(), "public")); code != 0 {
		t.Errorf("build of the imported course: exit %d\n%s%s", code, out, errb)
	}
	for _, args := range [][]string{{"import"}, {"import", "hugo", book, dest}, {"import", "mdbook", book}, {"import", "mdbook", book, t.TempDir(), "--site-url", "example.org"}} {
		if code, _, errb := runCLI(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2\n%s", args, code, errb)
		}
	}
	broken := t.TempDir()
	os.MkdirAll(filepath.Join(broken, "src"), 0o755)
	os.WriteFile(filepath.Join(broken, "book.toml"), []byte("[book]\n"), 0o644)
	os.WriteFile(filepath.Join(broken, "src/SUMMARY.md"), []byte("- [Gone](gone.md)\n"), 0o644)
	code, _, errb = runCLI("import", "mdbook", broken, filepath.Join(t.TempDir(), "c"))
	if code != 1 || !strings.Contains(errb, "src/SUMMARY.md:1:1: chapter file src/gone.md does not exist") || !strings.Contains(errb, "nothing was written") {
		t.Errorf("broken book: exit %d\n%s", code, errb)
	}
}
