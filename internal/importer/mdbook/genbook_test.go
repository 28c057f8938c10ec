package mdbook

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var genBook = flag.String("genbook", "", "write the generated 120-chapter book into this folder and stop (for timing the CLI)")

// generateBook writes an mdBook book of parts×perPart chapters (each part a
// chapter with nested ones), each ~900 words with two headings, a
// raw-HTML anchor, a range include, an anchored include, a rustdoc_include,
// a hand-hidden Rust block, an image, links by .md and by .html (with
// anchors) to other chapters and a link out of the book.
func generateBook(t testing.TB, dir string, parts, perPart int) {
	t.Helper()
	write := func(name, text string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("book.toml", "[book]\ntitle = \"Generated\"\nsrc = \"src\"\n\n[output.html]\ngit-repository-url = \"https://github.com/example/generated\"\n")
	write("src/img/figure.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>`+"\n")
	var sum strings.Builder
	sum.WriteString("# Summary\n\n[Introduction](README.md)\n\n")
	write("src/README.md", "# Introduction\n\nStart with [the first chapter](p1/c1.md).\n")
	total := parts * perPart
	para := strings.Repeat("Gradient descent takes a step against the slope of the loss, and the step size decides how far. ", 10)
	n := 0
	for p := 1; p <= parts; p++ {
		fmt.Fprintf(&sum, "# Part %d\n\n", p)
		write(fmt.Sprintf("listings/p%d/main.rs", p), "use std::io;\n// ANCHOR: body\nfn main() {\n    let x = 1;\n    println!(\"{x}\");\n}\n// ANCHOR_END: body\nfn helper() {}\n")
		for c := 1; c <= perPart; c++ {
			n++
			indent := "    "
			if c == 1 {
				indent = ""
			}
			fmt.Fprintf(&sum, "%s- [Chapter %d.%d](p%d/c%d.md)\n", indent, p, c, p, c)
			next := n%total + 1
			np, nc := (next-1)/perPart+1, (next-1)%perPart+1
			var b strings.Builder
			fmt.Fprintf(&b, "# Chapter %d.%d\n\n%s\n\n<a id=\"old-name-%d\"></a>\n## Section one\n\n%s\n\n", p, c, para, c, para)
			fmt.Fprintf(&b, "See [the next chapter](../p%d/c%d.md#section-one), [its old name](../p%d/c%d.html#old-name-%d) and [the guide](../../guide/index.html).\n\n", np, nc, np, nc, nc)
			fmt.Fprintf(&b, "![A figure](../img/figure.svg \"Figure %d\")\n\n", n)
			fmt.Fprintf(&b, "```rust\n{{#include ../../listings/p%d/main.rs:3:6}}\n```\n\n```rust,ignore\n{{#include ../../listings/p%d/main.rs:body}}\n```\n\n", p, p)
			fmt.Fprintf(&b, "```rust\n{{#rustdoc_include ../../listings/p%d/main.rs:body}}\n```\n\n", p)
			fmt.Fprintf(&b, "## Section two\n\n%s\n\n```rust\n# fn main() {\nlet y = %d;\n# }\n```\n\n%s\n", para, n, para)
			write(fmt.Sprintf("src/p%d/c%d.md", p, c), b.String())
		}
		sum.WriteString("\n")
	}
	write("src/SUMMARY.md", sum.String())
}

// TestGeneratedBookOf120ChaptersImportsAndBuilds imports a generated
// 120-chapter book and builds it with no diagnostic; -v prints the times.
func TestGeneratedBookOf120ChaptersImportsAndBuilds(t *testing.T) {
	if *genBook != "" {
		generateBook(t, *genBook, 6, 20)
		t.Skipf("wrote the book into %s", *genBook)
	}
	src := t.TempDir()
	generateBook(t, src, 6, 20)
	dest := filepath.Join(t.TempDir(), "course")
	start := time.Now()
	rep, err := Import(Options{Src: src, Dest: dest, SiteURL: "https://example.org/generated/"})
	importTime := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Lessons != 121 || rep.Modules != 7 || len(rep.Links) != 0 || rep.Absolute != 120 {
		t.Fatalf("report = %+v", rep)
	}
	start = time.Now()
	res := buildCourse(t, dest)
	buildTime := time.Since(start)
	if n := len(res.Course.Pages); n != 1+7+121 {
		t.Errorf("%d pages, want 129", n)
	}
	t.Logf("120-chapter book: import %s, build (in memory, no math cache) %s", importTime.Round(time.Millisecond), buildTime.Round(time.Millisecond))
}

func BenchmarkImport120Chapters(b *testing.B) {
	src := b.TempDir()
	generateBook(b, src, 6, 20)
	out := b.TempDir()
	b.ResetTimer()
	for i := range b.N {
		if _, err := Import(Options{Src: src, Dest: filepath.Join(out, fmt.Sprint(i))}); err != nil {
			b.Fatal(err)
		}
	}
}
