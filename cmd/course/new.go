package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/mlcourse/course/internal/scaffold"
)

func runNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("new", `new lesson <module> "<title>" [--slug SLUG] [--source DIR] | new exercise <module> <slug> [--source DIR]`)
	source := fs.String("source", ".", "project root (holds course.toml and content/)")
	slug := fs.String("slug", "", "the lesson's slug (its URL), instead of one made from the title")
	pos, code, ok := parse(fs, args, stdout, stderr)
	if !ok {
		return code
	}
	if len(pos) != 3 || pos[0] != "lesson" && pos[0] != "exercise" {
		fmt.Fprintln(stderr, `course new: usage: course new lesson <module> "<title>" [--slug SLUG]  or  course new exercise <module> <slug>`)
		fmt.Fprintln(stderr, "  <module> is a module folder (01-loss-functions) or its slug (loss-functions)")
		return exitUsage
	}
	if pos[0] == "lesson" {
		file, err := scaffold.Lesson(*source, pos[1], pos[2], *slug)
		if err != nil {
			fmt.Fprintf(stderr, "course new: %v\n", err)
			return exitUsage
		}
		fmt.Fprintf(stdout, "wrote %s\nit builds as it is; fill in the TODOs (course serve shows it as you write)\n", file)
		return exitOK
	}
	if *slug != "" {
		fmt.Fprintln(stderr, "course new exercise: the slug is the third word (course new exercise <module> <slug>); --slug is for lessons")
		return exitUsage
	}
	dir, err := scaffold.Exercise(*source, pos[1], pos[2])
	if err != nil {
		fmt.Fprintf(stderr, "course new: %v\n", err)
		return exitUsage
	}
	id := filepath.Base(filepath.Dir(dir)) + "/" + filepath.Base(dir)
	fmt.Fprintf(stdout, "wrote %s/\n(exercise.toml, starter.py, solution.py, check.py, mistakes/todo.py)\n`course test` flags it until the solution and checker are written;\nthe build flags it until a lesson embeds it: add a block \"::: exercise %s\" with its instructions\n", dir, id)
	return exitOK
}
