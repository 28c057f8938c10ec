package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mlcourse/course/internal/diag"
	"github.com/mlcourse/course/internal/exercise"
)

// section returns the README's "## title" section.
func section(readme, title string) string {
	_, rest, ok := strings.Cut(readme, "\n## "+title+"\n")
	if !ok {
		return ""
	}
	body, _, _ := strings.Cut(rest, "\n## ")
	return body
}

// The README says what exists now and its examples run on this repository.
func TestREADMEMatchesTheRepository(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	lines := strings.Split(readme, "\n")
	if len(lines) < 5 || !strings.HasPrefix(lines[3], "go run ./cmd/course serve") || !strings.HasPrefix(lines[4], "bash scripts/test.sh") {
		t.Errorf("the README's first lines are not the serve and test commands:\n%s", strings.Join(lines[:min(6, len(lines))], "\n"))
	}
	if strings.Contains(readme, "being built") {
		t.Error(`the README still says something is "being built"`)
	}

	// "For learners" comes right after the intro, and names every module
	// with the packages its exercises require.
	learners := section(readme, "For learners")
	if learners == "" || strings.Index(readme, "\n## For learners\n") > strings.Index(readme, "\n## ") {
		t.Error(`no "## For learners" section as the README's first section`)
	}
	for _, cmd := range []string{"course start", "course check", "course watch"} {
		if !strings.Contains(learners, cmd) {
			t.Errorf("For learners does not show %s", cmd)
		}
	}
	root := "../.."
	fsys := os.DirFS(root)
	set := exercise.Load(fsys, &diag.List{})
	titles := moduleTitles(root)
	if len(titles) == 0 {
		t.Fatal("no modules")
	}
	intro, _, _ := strings.Cut(readme, "\n## ")
	for slug, title := range titles {
		if !strings.Contains(strings.Join(strings.Fields(intro), " "), title) {
			t.Errorf("the README's intro does not name the module %q among what the course covers", title)
		}
		var row string
		for _, l := range strings.Split(learners, "\n") {
			if strings.HasPrefix(l, "| "+title+" |") {
				row = l
			}
		}
		if row == "" {
			t.Errorf("For learners has no row for the module %q", title)
			continue
		}
		for _, e := range set.Exercises {
			for _, r := range e.Requires {
				if e.Module == slug && !strings.Contains(row, "`"+r+"`") {
					t.Errorf("For learners: the row of %q does not name `%s`, which %s requires", title, r, e.ID)
				}
			}
		}
	}

	// Every internal/ package is in the architecture list.
	arch := section(readme, "Architecture")
	entries, _ := os.ReadDir(filepath.Join(root, "internal"))
	for _, e := range entries {
		if e.IsDir() && !regexp.MustCompile(`(?m)^internal/`+e.Name()+` `).MatchString(arch) {
			t.Errorf("the architecture list lacks internal/%s", e.Name())
		}
	}

	// Every build flag is in the README's flag table, written --name.
	_, help, _ := runCLI("build", "--help")
	for _, m := range regexp.MustCompile(`(?m)^  (--[a-z-]+)`).FindAllStringSubmatch(help, -1) {
		if !strings.Contains(readme, "| `"+m[1]) {
			t.Errorf("the README's flag table lacks %s", m[1])
		}
	}

	// Paths and commands in the README name what is in the repository.
	for _, m := range regexp.MustCompile("(?:content|exercises)/[A-Za-z0-9_./-]*[A-Za-z0-9_]").FindAllString(readme, -1) {
		if _, err := os.Stat(filepath.Join(root, m)); err != nil {
			t.Errorf("the README names %s, which does not exist", m)
		}
	}
	for _, m := range regexp.MustCompile("course (start|check|watch|hint|solution|test) ([a-z-]+/[a-z0-9-]+)").FindAllStringSubmatch(readme, -1) {
		if set.Get(m[2]) == nil {
			t.Errorf("the README runs course %s on %s, which is no exercise", m[1], m[2])
		}
	}
	for _, m := range regexp.MustCompile(`course new (lesson|exercise) ([a-z0-9-]+) "?([^"\x60\s]+)`).FindAllStringSubmatch(readme, -1) {
		if titles[strings.TrimLeft(m[2], "0123456789-")] == "" && titles[m[2]] == "" {
			t.Errorf("the README adds to module %s, which does not exist", m[2])
		}
		if m[1] == "exercise" && set.Get(m[2]+"/"+m[3]) != nil {
			t.Errorf("the README's course new exercise %s %s would fail: it exists", m[2], m[3])
		}
	}
}
