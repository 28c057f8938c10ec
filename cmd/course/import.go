package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/mlcourse/course/internal/diag"
	"github.com/mlcourse/course/internal/importer/mdbook"
)

func runImport(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("import", "import mdbook SRC DEST [--site-url URL] [--force]")
	siteURL := fs.String("site-url", "", "where the book is published (https://host/book/): links that leave the book become absolute under it")
	force := fs.Bool("force", false, "replace DEST even when it is not empty")
	pos, code, ok := parse(fs, args, stdout, stderr)
	if !ok {
		return code
	}
	if len(pos) != 3 || pos[0] != "mdbook" {
		fmt.Fprintln(stderr, "course import: usage: course import mdbook SRC DEST [--site-url URL] [--force]")
		fmt.Fprintln(stderr, "  SRC is the book's folder (it holds book.toml); DEST the course folder to write")
		return exitUsage
	}
	start := time.Now()
	rep, err := mdbook.Import(mdbook.Options{Src: pos[1], Dest: pos[2], SiteURL: *siteURL, Force: *force})
	var le *diag.ListError
	var ue *mdbook.UsageError
	switch {
	case errors.As(err, &le):
		fmt.Fprint(stderr, le.List.String())
		fmt.Fprintln(stderr, "course import: the book has problems; nothing was written")
		return exitContent
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "course import: %v\n", err)
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "course import: %v; nothing was written\n", err)
		return exitUsage
	}
	for _, n := range rep.Notes {
		fmt.Fprintln(stderr, "note: "+n)
	}
	for _, d := range rep.Links {
		fmt.Fprintln(stderr, d.String())
	}
	fmt.Fprintf(stdout, "imported %d chapters (%d drafts) into %d modules and %d copied files in %s, in %s\n",
		rep.Lessons, rep.Drafts, rep.Modules, rep.Assets, pos[2], time.Since(start).Round(time.Millisecond))
	if rep.Absolute > 0 {
		fmt.Fprintf(stdout, "%d links that leave the book now point under %s\n", rep.Absolute, *siteURL)
	}
	if len(rep.Links) > 0 {
		fmt.Fprintf(stdout, "%d links could not be rewritten (listed above); fix them before building\n", len(rep.Links))
	}
	fmt.Fprintf(stdout, "build it with: course build --source %s\n", pos[2])
	return exitOK
}
