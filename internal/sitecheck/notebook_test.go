package sitecheck_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlcourse/course/internal/sitecheck"
)

// TestNotebookLessonPassesTheGate builds a course whose lesson is the
// notebook with every kind of output (internal/notebook/testdata) and runs
// the whole-site check over it: its outputs, tracebacks and tables must be
// accessible in both colour schemes and valid HTML, like any lesson.
func TestNotebookLessonPassesTheGate(t *testing.T) {
	opts := toolOptions(t)
	dir := t.TempDir()
	nb, err := os.ReadFile("../notebook/testdata/outputs.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"course.toml":                  "title = \"Notebooks\"\ndescription = \"A course with a notebook lesson.\"\n",
		"content/_index.md":            "---\ntitle: Notebooks\n---\nStart with [the plots](01-nb/02-plots.ipynb).\n",
		"content/01-nb/_index.md":      "---\ntitle: Notebook module\nsummary: Lessons from notebooks.\n---\nLessons from notebooks.\n",
		"content/01-nb/01-intro.md":    "---\ntitle: Intro\nsummary: Before the notebook.\n---\nSee [its setup](02-plots.ipynb#setup).\n",
		"content/01-nb/02-plots.ipynb": string(nb),
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts.Dir = buildCourse(t, dir)
	opts.BasePath = basePath
	opts.MaxLayoutShift = maxLayoutShift
	opts.SearchQuery = "setup"
	opts.Logf = t.Logf
	var pages []string
	opts.OnPage = func(s sitecheck.PageStat) { pages = append(pages, s.Page) }
	findings, err := sitecheck.Run(testContext(t), opts)
	if err != nil {
		t.Fatalf("sitecheck could not run: %v", err)
	}
	if !strings.Contains(strings.Join(pages, " "), basePath+"nb/plots/") {
		t.Errorf("the notebook page was not checked: %v", pages)
	}
	if len(findings) > 0 {
		var sb strings.Builder
		for _, f := range findings {
			fmt.Fprintf(&sb, "\n\t%s", f)
		}
		t.Errorf("%d finding(s) on the notebook course (page, check, detail):%s", len(findings), sb.String())
	}
}
